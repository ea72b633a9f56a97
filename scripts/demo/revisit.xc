## 即墨：巡察“回头看”—— 已销号的问题反弹了怎么办？
## 事迹见《扛牢巡察工作主体责任》（中国纪检监察报，2022-11-24）：区委书记带头履行第一责任人责任，
## 及时约谈问题反映突出的被巡察党组织主要负责人；巡察发现违规发放补贴、侵占村集体资产、
## “村庄财务管理制度不规范、举债发放福利”等问题。本演示的人名、时间均为虚构。
clock 2022-03-07
user 区委巡察办
unit add LQ "龙泉街道党工委" --secretary 孙立军
unit add LS "灵山街道党工委" --secretary 王海燕
unit add SW "区水务集团党委" --secretary 刘建平

## 第五轮常规巡察：巡审同步进驻两个街道，另巡察区水务集团
round open R5 "一届区委第五轮巡察" --kind regular --from 2022-03-07 --to +40d
round team R5 "区委第一巡察组" --leader 高志远
round target R5 LQ
round target R5 LS
round target R5 SW
issue add R5 LQ "违规发放补贴" --category integrity --source audit
issue add R5 LQ "侵占村集体资产" --category integrity --source letter
issue add R5 LQ "私搭乱建整治不彻底" --category conduct --source visit
issue add R5 LS "村庄财务管理制度不规范、举债发放福利" --category discipline --source audit
issue add R5 LS "低保办理优亲厚友" --category integrity --source letter
issue add R5 LS "人居环境整治不彻底" --category conduct --source visit
issue add R5 SW "水利设施管理不到位" --category conduct --source visit
issue add R5 SW "经营管理不规范" --category discipline --source documents
round feedback R5 --on 2022-05-10 --due +90d

## 整改、报告、验收：半年内 8 个问题全部销号
user 被巡察单位
issue assign R5-001 --lead 孙立军 --owner 邵文 --dept 财政所
issue assign R5-002 --lead 孙立军 --owner 邵文 --dept 农村经济管理服务中心
issue assign R5-003 --lead 孙立军 --owner 邵文 --dept 综合执法中队
issue assign R5-004 --lead 王海燕 --owner 李春明 --dept 财政所
issue assign R5-005 --lead 王海燕 --owner 李春明 --dept 社会事务办
issue assign R5-006 --lead 王海燕 --owner 李春明 --dept 生态环境办
issue assign R5-007 --lead 刘建平 --owner 姜海 --dept 工程管理部
issue assign R5-008 --lead 刘建平 --owner 姜海 --dept 经营管理部
clock 2022-07-20
issue report R5-001 "清退违规发放的补贴" --evidence "清退明细.xlsx" --signed-by 孙立军
issue report R5-002 "集体资产清产核资、收回" --evidence "清产核资报告.pdf" --signed-by 孙立军
issue report R5-003 "拆除违建 37 处" --evidence "拆除前后对比照片.pdf" --signed-by 孙立军
issue report R5-004 "村级财务纳入街道“三资”平台监管" --evidence "三资平台截图.pdf" --signed-by 王海燕
issue report R5-005 "低保对象逐户复核" --evidence "复核台账.xlsx" --signed-by 王海燕
issue report R5-006 "人居环境集中整治" --evidence "整治前后对比照片.pdf" --signed-by 王海燕
issue report R5-007 "水利设施逐一建档、定期巡检" --evidence "巡检记录.pdf" --signed-by 刘建平
issue report R5-008 "修订经营管理制度" --evidence "经营管理制度汇编.pdf" --signed-by 刘建平
clock 2022-08-01
user 区委巡察办
issue verify R5-001 --pass --by 高志远 --method documents,onsite
issue verify R5-002 --pass --by 高志远 --method documents,onsite
issue verify R5-003 --pass --by 高志远 --method documents,onsite
issue verify R5-004 --pass --by 高志远 --method documents,onsite
issue verify R5-005 --pass --by 高志远 --method documents,visit
issue verify R5-006 --pass --by 高志远 --method documents,onsite
issue verify R5-007 --pass --by 高志远 --method documents,onsite
issue verify R5-008 --pass --by 高志远 --method documents,onsite
expect rate --round R5 = 100.00%

## 一年后开展“回头看”：R9 专门复查第五轮的整改成果
clock 2023-09-04
round open R9 "一届区委第九轮巡察(回头看)" --kind revisit --of R5 --from 2023-09-04 --to +30d
round team R9 "区委第三巡察组" --leader 韩冬梅
round target R9 LQ
round target R9 LS
round target R9 SW

## 回头看发现三个问题反弹：灵山街道又在举债发放福利、人居环境回潮，龙泉街道违建“拆了又建”
clock 2023-09-15
issue reopen R5-004 "回头看发现:两个村再次举债发放福利" --round R9
issue reopen R5-006 "回头看发现:人居环境整治回潮" --round R9
issue reopen R5-003 "回头看发现:已拆除违建又有 5 处复建" --round R9
expect status R5-004 rectifying
## 重新打开的问题沿用原时限 2022-08-08，早已过期：立刻亮红灯
expect warning R5-004 red
expect count --overdue = 3
warnings

## 台账按单位看：两个街道都跌破 90% 的约谈线，灵山街道最低，只剩 1/3
ledger units
expect rate --unit LS < 90.00%
expect rate --unit LQ = 66.67%

## 区委书记约谈问题最突出的灵山街道党工委书记；反弹问题限期 30 天重新整改
urge LS --kind talk "区委书记约谈王海燕:巡察整改问题反弹,举一反三、限期整改"
user 灵山街道党工委
issue assign R5-004 --lead 王海燕 --owner 李春明 --dept 财政所 --due +30d
issue assign R5-006 --lead 王海燕 --owner 李春明 --dept 生态环境办 --due +30d
user 龙泉街道党工委
issue assign R5-003 --lead 孙立军 --owner 邵文 --dept 综合执法中队 --due +30d
expect warning R5-004 none
expect count --overdue = 0

## 时钟往前走，预警跟着变：离时限 20 天内亮绿灯，10 天内亮黄灯，过期亮红灯
clock +12d
expect warning R5-004 green
warnings
clock +10d
expect warning R5-004 yellow
expect count --due-within 10d = 3

## 龙泉街道按时完成复查整改、销号
user 龙泉街道党工委
issue report R5-003 "复建违建全部拆除,建立网格巡查机制" --evidence "拆除记录.pdf" --signed-by 孙立军
user 区委巡察办
issue verify R5-003 --pass --by 韩冬梅 --method onsite,visit
issue rule R5-003 "违法建设网格化巡查办法"

## 灵山街道没有按时完成：过期亮红灯，挂牌督办
clock +10d
expect warning R5-004 red
expect warning R5-006 red
expect count --overdue = 2
expect count --due-within 10d = 0
ledger --overdue
urge LS --kind listed "挂牌督办:举债发放福利、人居环境回潮问题" --issue R5-004

## 挂牌督办后两周整改到位；村级举债问题线索移交区纪委监委
clock +14d
user 灵山街道党工委
issue report R5-004 "停止举债发放福利,清理村级债务" --evidence "债务清理台账.xlsx" --signed-by 王海燕
issue report R5-006 "人居环境整治纳入村规民约、常态化保洁" --evidence "整治前后对比照片.pdf" --signed-by 王海燕
user 区委巡察办
transfer add R5-004 --to discipline "村干部违规举债发放福利问题线索"
issue verify R5-004 --pass --by 韩冬梅 --method documents,onsite,survey
issue verify R5-006 --pass --by 韩冬梅 --method onsite,visit
issue rule R5-004 "村级债务管控办法"

## 结果：第五轮 8 个问题重新全部销号，3 个曾经反弹；回头看轮次记录了它复查的是 R5
clock +20d
transfer conclude T-0001 --sanctions 2 --handled 5
round show R9
ledger units
expect count --round R5 --status closed = 8
expect count --overdue = 0
expect warning R5-004 none
expect rate --unit LS = 100.00%
expect rate --round R5 = 100.00%
expect rate = 100.00%
round close R9
round close R5
