/* slowloris.c: the slowloris of issue 10 hole 3, for bench/run.sh. Opens
 * N connections from a local address to 127.0.0.1:PORT, starts a request
 * head on each and sends one more header line on each every INTERVAL
 * seconds, never ending the head; a connection the server closes is opened
 * again at the next round (as an attacker would). Stops after SECONDS and
 * prints how many connections the server closed.
 *
 *   slowloris FROM PORT N SECONDS INTERVAL
 *
 * Loopback only: the target is always 127.0.0.1. Build: cc -O2 -o slowloris
 * bench/slowloris.c */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int
open_one(const char *from, int port)
{
	struct sockaddr_in src = { .sin_family = AF_INET }, dst = { .sin_family = AF_INET };
	static const char head[] = "GET /healthz HTTP/1.1\r\nHost: bench\r\n";
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	inet_pton(AF_INET, from, &src.sin_addr);
	inet_pton(AF_INET, "127.0.0.1", &dst.sin_addr);
	dst.sin_port = htons((uint16_t)port);
	if (bind(fd, (struct sockaddr *)&src, sizeof(src)) ||
	    connect(fd, (struct sockaddr *)&dst, sizeof(dst))) {
		close(fd);
		return -1;
	}
	fcntl(fd, F_SETFL, O_NONBLOCK);
	(void)!send(fd, head, sizeof(head) - 1, MSG_NOSIGNAL);
	return fd;
}

/* Whether the server has closed fd. */
static int
gone(int fd)
{
	char b[512];
	ssize_t r;

	while ((r = recv(fd, b, sizeof(b), 0)) > 0)
		;
	return r == 0 || (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
}

int
main(int argc, char **argv)
{
	struct rlimit rl;
	int n, port, *fds, closed = 0, peak = 0;
	double seconds, interval;
	time_t end;

	if (argc != 6) {
		fprintf(stderr, "usage: slowloris FROM PORT N SECONDS INTERVAL\n");
		return 2;
	}
	port = atoi(argv[2]);
	n = atoi(argv[3]);
	seconds = atof(argv[4]);
	interval = atof(argv[5]);
	if (n < 1 || n > 20000 || seconds <= 0 || seconds > 600 || interval <= 0)
		return 2;
	if (!getrlimit(RLIMIT_NOFILE, &rl)) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	fds = calloc((size_t)n, sizeof(*fds));
	if (!fds)
		return 1;
	end = time(NULL) + (time_t)seconds;
	for (int i = 0; i < n; i++)
		fds[i] = open_one(argv[1], port);
	while (time(NULL) < end) {
		int open_now = 0;

		for (int i = 0; i < n; i++) {
			if (fds[i] >= 0 && gone(fds[i])) {
				close(fds[i]);
				fds[i] = -1;
				closed++;
			}
			if (fds[i] < 0)
				fds[i] = open_one(argv[1], port);
			else
				(void)!send(fds[i], "X-Slow: 1\r\n", 11, MSG_NOSIGNAL);
			open_now += fds[i] >= 0;
		}
		peak = open_now > peak ? open_now : peak;
		usleep((useconds_t)(interval * 1e6));
	}
	for (int i = 0; i < n; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	printf("slowloris: %d sockets from %s, up to %d open at once, %d closed by the server\n", n,
	    argv[1], peak, closed);
	free(fds);
	return 0;
}
