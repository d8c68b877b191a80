-- rotate.lua: wrk script for bench/run.sh. Rotates GET requests over pages
-- 1..PAGES of one path template, with an optional session cookie, and
-- prints one machine-readable line at the end for run.sh to parse.
--
--   wrk ... -s bench/rotate.lua http://127.0.0.1:PORT -- COOKIE TEMPLATE PAGES
--
-- COOKIE is the hy_session value, or "-" for none (nginx). TEMPLATE is the
-- path with "{page}" where the page number goes.

local requests = {}
local n = 0

function init(args)
	local cookie, template, pages = args[1], args[2], tonumber(args[3])
	if not cookie or not template or not pages or pages < 1 then
		error("usage: -- COOKIE TEMPLATE PAGES")
	end
	local headers = {}
	if cookie ~= "-" then
		headers["Cookie"] = "hy_session=" .. cookie
	end
	for i = 1, pages do
		local path = template:gsub("{page}", tostring(i))
		requests[i] = wrk.format("GET", path, headers)
	end
end

function request()
	n = n % #requests + 1
	return requests[n]
end

function done(summary, latency, _)
	local e = summary.errors
	io.write(string.format(
		"BENCH requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d " ..
		"status_errors=%d socket_errors=%d\n",
		summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
		latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
		e.status, e.connect + e.read + e.write + e.timeout))
end
