## 郑州：巡下轮、督上轮 —— 对上一轮被巡察单位的整改进行“四对照”督查，整改到位率偏低的约谈主要负责人
## 事迹见《扎实做好巡察“后半篇文章”》：市委巡察办组织 6 轮日常督查，对整改报告、问题整改落实台账、
## 移交事项办理情况台账和档案资料进行“四对照”，已督查 58 家单位；对整改到位率偏低的被巡察单位党组织
## 主要负责人进行约谈。本演示的单位、人员、问题均为虚构。
clock 2024-03-01
user 市委巡察办
unit add JT "郑州市某交通局" --secretary 高峰
unit add WS "郑州市某卫生健康委" --secretary 林静
unit add SW "郑州市某水务局" --secretary 马超
unit add SWJ "郑州市某商务局" --secretary 孙立
unit add GX "郑州市某开发区管委会" --secretary 周航
round open R4 "十一届市委第四轮巡察" --kind regular --from 2024-03-01 --to +45d
round target R4 JT
round target R4 WS
round target R4 SW
round target R4 SWJ
issue add R4 JT "重点工程招投标监管不严" --category integrity --source audit
issue add R4 JT "超标准配备使用公务用车" --category conduct --source visit
issue add R4 JT "“三重一大”决策程序不规范" --category political --source documents
issue add R4 WS "医疗卫生领域专项整治推进缓慢" --category political --source letter
issue add R4 WS "基层党支部组织生活不规范" --category organizational --source interview
issue add R4 SW "河道管护责任落实不到位" --category conduct --source hotline
issue add R4 SWJ "优化营商环境举措落实不到位" --category political --source online
round feedback R4 --on 2024-05-10 --due +60d
expect count --round R4 = 7

## 被巡察单位分解责任、整改、报告
clock 2024-05-15
issue assign R4-001 --lead 高峰 --owner 张强 --dept 建设管理处
issue assign R4-002 --lead 高峰 --owner 王磊 --dept 办公室
issue assign R4-003 --lead 高峰 --owner 王磊 --dept 办公室
issue assign R4-004 --lead 林静 --owner 赵敏 --dept 医政处
issue assign R4-005 --lead 林静 --owner 赵敏 --dept 机关党委
issue assign R4-006 --lead 马超 --owner 刘洋 --dept 河湖管理处
issue assign R4-007 --lead 孙立 --owner 钱进 --dept 营商环境处
clock 2024-07-05
issue report R4-001 "招投标全流程电子化,建立标后监管台账" --evidence "标后监管台账.xlsx" --signed-by 高峰
issue report R4-002 "超标准车辆全部封存移交" --evidence "车辆移交清单.pdf" --signed-by 高峰
issue report R4-004 "专项整治方案印发,整治清单逐项销号" --evidence "整治清单.xlsx" --signed-by 林静
issue report R4-005 "支部组织生活按月开展" --evidence "会议记录.pdf" --signed-by 林静
issue report R4-006 "河长制巡河常态化" --evidence "巡河记录.xlsx" --signed-by 马超
issue report R4-007 "涉企事项“一网通办”" --evidence "办件统计.xlsx" --signed-by 孙立

## 双报告：反馈后两个月内（report.months），各单位报送整改报告和书记本人组织整改情况报告
round report R4 WS --signed-by 林静
round report R4 WS --signed-by 林静 --principal
round report R4 SW --signed-by 马超
round report R4 SW --signed-by 马超 --principal
round report R4 SWJ --signed-by 孙立
round report R4 SWJ --signed-by 孙立 --principal
round report R4 JT --signed-by 高峰
expect report R4 JT yellow --principal
user 市委巡察办
issue verify R4-004 --pass --by 督查专员 --method documents,onsite
issue verify R4-005 --pass --by 督查专员 --method documents,interview
issue verify R4-006 --pass --by 督查专员 --method documents,onsite
issue verify R4-007 --pass --by 督查专员 --method documents,survey

## 巡下轮、督上轮：第五轮巡察进驻的同时，督查组对第四轮被巡察单位逐家开展督查
clock 2024-07-20
user 第一督查组
check WS --round R4 --by 第一督查组 --compared report,ledger,transfers,files "整改报告、台账、档案相互印证,整改到位"
check SW --round R4 --by 第一督查组 --compared report,ledger,files "巡河记录与现场一致"

## 交通局“四对照”发现：整改报告称车辆已全部封存，台账上仍有 2 辆在用；招投标问题未按时报告
clock 2024-07-22
check JT --round R4 --by 第一督查组 --compared report,ledger,transfers,files "报告与台账不符:2 辆超标准车辆仍在使用;R4-003 逾期未报告"
issue verify R4-002 --fail --by 督查专员 --method documents,onsite "台账显示 2 辆超标准车辆仍在使用"
ledger checks
warnings --unit JT
expect report R4 JT red --principal
expect report R4 JT none
expect status R4-002 rectifying
expect count --unit JT --overdue = 3

## 哪些单位本月还没有督查过？商务局尚未督查，督查组次日补上（开发区管委会尚未巡察，无整改可督查）
ledger units --not-checked-since 2024-07-01
clock 2024-07-23
check SWJ --round R4 --by 第一督查组 --compared report,ledger,files "整改报告与台账、办件数据一致"
ledger units --not-checked-since 2024-07-01
stats --by unit

## 交通局整改到位率偏低，列为约谈对象：巡察工作领导小组约谈局党组书记
user 市委巡察办
urge JT --kind letter "督办函:超标准配备公务用车问题 8 月 5 日前整改到位" --issue R4-002
urge JT --kind talk "约谈高峰:整改报告与台账不符,整改到位率偏低"
ledger units --round R4
expect rate --unit JT = 0.00%
expect rate --unit WS = 100.00%
expect rate --round R4 = 57.14%
expect count --round R4 --status closed = 4

## 巡察全覆盖：本届以来已巡察 4 家单位，开发区管委会尚未巡察，列入下一轮
ledger coverage --since 2024-01-01
expect coverage --since 2024-01-01 = 80.00%
