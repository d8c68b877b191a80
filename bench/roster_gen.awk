# bench/roster_gen.awk: a deterministic city roster for bench/roster.sh
# (issue 16): N rows (-v n=200000), one district committee's tree by path
# (中共某某区教育工委 / 中共第S中学委员会 / 学科党支部), 100 members a branch,
# 5 branches a school. ID numbers are valid (check digit, birth date, the
# sequence's parity matching the gender column) and unique; phones unique.
BEGIN {
	split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", wt, " ")
	split("1 0 X 9 8 7 6 5 4 3 2", chk, " ")
	split("语文 数学 英语 物理 化学", subj, " ")
	print "姓名,性别,所在党组织,身份证号,出生日期,入党时间,联系电话"
	for (i = 0; i < n; i++) {
		d = i % 8400; k = int(i / 8400)
		y = 1970 + d % 25; mo = 1 + int(d / 25) % 12; dd = 1 + int(d / 300) % 28
		seq = 2 * k + i % 2	# odd: male
		first17 = sprintf("110101%04d%02d%02d%03d", y, mo, dd, seq)
		s = 0
		for (j = 1; j <= 17; j++)
			s += substr(first17, j, 1) * wt[j]
		school = 1 + int(i / 500); branch = 1 + int(i / 100) % 5
		printf "党员%06d,%s,中共某某区教育工委/中共第%d中学委员会/%s学科党支部,%s%s,%04d-%02d-%02d,%04d-07-01,138%08d\n",
		    i + 1, seq % 2 ? "男" : "女", school, subj[branch], first17, chk[s % 11 + 1],
		    y, mo, dd, y + 25, i
	}
}
