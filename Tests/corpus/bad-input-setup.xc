# The ledger every bad-input case is fed after (Tests/corpus/bad-input.txt).
unit add FY "舞阳县人民法院" --secretary 李四
unit add LH "漯河市财政局" --secretary 周八
round open R5 "第五轮专项巡察" --kind special --from 2024-03-01 --to 2024-04-15
round target R5 FY
round target R5 LH
round feedback R5 --on 2024-05-10 --due +90d
round open R6 "第六轮常规巡察" --kind regular --from 2024-06-01
round target R6 LH
issue add R5 FY "执行工作韧劲不足" --category discipline --source visit
issue add R5 FY "违规发放津贴补贴" --category integrity --source audit
issue add R5 LH "公务接待不规范" --category conduct
issue add R5 LH "重复登记的问题" --category conduct
issue add R6 LH "制度执行不严" --category organizational --due 2024-09-30
issue assign R5-001 --lead 王五 --owner 赵六 --dept 执行局 --handler 钱九
issue assign R5-002 --lead 王五 --owner 赵六 --dept 财务处
issue report R5-002 "已清退" --evidence 清退凭证.pdf --signed-by 李四
issue assign R5-003 --lead 吴十 --owner 郑十一 --dept 办公室
issue report R5-003 "已整改" --evidence 接待清单.pdf --signed-by 周八
issue verify R5-003 --pass --by 孙七 --method documents,onsite
issue withdraw R5-004 "重复登记"
transfer add R5-002 --to discipline "违规发放补贴线索"
transfer add R5-001 --to organization "干部作风问题"
transfer conclude T-0002 --sanctions 1 --handled 2
urge FY --kind notice "整改进度偏慢"
