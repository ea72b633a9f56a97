## 郑州：某局党组对市委巡察反馈的 3 类 27 个问题逐项过堂、责任分解、整改、验收、销号
## 事迹见《扎实做好巡察“后半篇文章”》：每个事项均明确一位牵头局领导、责任领导、责任处室、整改时限及整改要求
clock 2024-03-01
user 巡察办
unit add SJ "郑州市某局" --secretary 陈明
round open R5 "十一届市委第五轮巡察" --kind regular --from 2024-03-01 --to +45d
round team R5 "市委第二巡察组" --leader 韩立
round target R5 SJ

## 巡察组进驻期间发现问题，逐条登记（编号 R5-001 起，永不重排）
issue add R5 SJ "学习贯彻习近平新时代中国特色社会主义思想不够深入" --category political --source interview
issue add R5 SJ "落实“第一议题”制度不严格" --category political --source documents
issue add R5 SJ "意识形态工作责任制落实不到位" --category political --source visit
issue add R5 SJ "贯彻落实市委重大决策部署有差距" --category political --source letter
issue add R5 SJ "党组理论学习中心组学习流于形式" --category political --source audit
issue add R5 SJ "民主集中制执行不到位" --category political --source interview
issue add R5 SJ "重大事项请示报告不及时" --category political --source documents
issue add R5 SJ "巡察整改主体责任压得不实" --category political --source hotline
issue add R5 SJ "对下属单位政治监督不够有力" --category political --source online
issue add R5 SJ "基层党组织“三会一课”落实不规范" --category organizational --source interview
issue add R5 SJ "发展党员程序不严谨" --category organizational --source documents
issue add R5 SJ "干部选拔任用程序不规范" --category organizational --source visit
issue add R5 SJ "干部人事档案管理不严格" --category organizational --source letter
issue add R5 SJ "领导干部个人有关事项报告核查不到位" --category organizational --source audit
issue add R5 SJ "党费收缴管理不规范" --category organizational --source interview
issue add R5 SJ "党支部换届不及时" --category organizational --source documents
issue add R5 SJ "年轻干部培养力度不够" --category organizational --source hotline
issue add R5 SJ "干部队伍结构不合理" --category organizational --source online
issue add R5 SJ "违规发放津贴补贴" --category integrity --source interview
issue add R5 SJ "公务接待管理不规范" --category integrity --source documents
issue add R5 SJ "公务用车使用管理不严格" --category integrity --source visit
issue add R5 SJ "政府采购程序不规范" --category integrity --source letter
issue add R5 SJ "财务报销审核把关不严" --category integrity --source audit
issue add R5 SJ "形式主义官僚主义问题依然存在" --category integrity --source interview
issue add R5 SJ "文山会海问题仍较突出" --category integrity --source documents
issue add R5 SJ "项目资金监管存在漏洞" --category integrity --source hotline
issue add R5 SJ "廉政风险防控机制不健全" --category integrity --source online

## 5 月 10 日召开巡察反馈会，整改计时开始，默认整改时限 90 天
clock 2024-05-10
round feedback R5 --on 2024-05-10 --due +90d
expect count --round R5 = 27
expect count --round R5 --status registered = 27

## 反馈后第二天，局党组召开会议，对 27 个问题逐项责任分解（牵头领导、责任领导、责任处室、整改时限）
clock 2024-05-11
user 局党组
issue assign R5-001 --lead 王建国 --owner 刘洋 --dept 办公室 --due +30d
issue assign R5-002 --lead 王建国 --owner 赵敏 --dept 机关党委 --due +60d
issue assign R5-003 --lead 王建国 --owner 孙磊 --dept 政策法规处 --due +90d
issue assign R5-004 --lead 王建国 --owner 刘洋 --dept 办公室 --due +30d
issue assign R5-005 --lead 王建国 --owner 赵敏 --dept 机关党委 --due +60d
issue assign R5-006 --lead 王建国 --owner 孙磊 --dept 政策法规处 --due +90d
issue assign R5-007 --lead 王建国 --owner 刘洋 --dept 办公室 --due +30d
issue assign R5-008 --lead 王建国 --owner 赵敏 --dept 机关党委 --due +60d
issue assign R5-009 --lead 王建国 --owner 孙磊 --dept 政策法规处 --due +90d
issue assign R5-010 --lead 李红 --owner 刘洋 --dept 组织人事处 --due +30d
issue assign R5-011 --lead 李红 --owner 赵敏 --dept 机关党委 --due +60d
issue assign R5-012 --lead 李红 --owner 孙磊 --dept 组织人事处 --due +90d
issue assign R5-013 --lead 李红 --owner 刘洋 --dept 组织人事处 --due +30d
issue assign R5-014 --lead 李红 --owner 赵敏 --dept 机关党委 --due +60d
issue assign R5-015 --lead 李红 --owner 孙磊 --dept 组织人事处 --due +90d
issue assign R5-016 --lead 李红 --owner 刘洋 --dept 组织人事处 --due +30d
issue assign R5-017 --lead 李红 --owner 赵敏 --dept 机关党委 --due +60d
issue assign R5-018 --lead 李红 --owner 孙磊 --dept 组织人事处 --due +90d
issue assign R5-019 --lead 张伟 --owner 刘洋 --dept 财务处 --due +30d
issue assign R5-020 --lead 张伟 --owner 赵敏 --dept 办公室 --due +60d
issue assign R5-021 --lead 张伟 --owner 孙磊 --dept 计划财务处 --due +90d
issue assign R5-022 --lead 张伟 --owner 刘洋 --dept 财务处 --due +30d
issue assign R5-023 --lead 张伟 --owner 赵敏 --dept 办公室 --due +60d
issue assign R5-024 --lead 张伟 --owner 孙磊 --dept 计划财务处 --due +90d
issue assign R5-025 --lead 张伟 --owner 刘洋 --dept 财务处 --due +30d
issue assign R5-026 --lead 张伟 --owner 赵敏 --dept 办公室 --due +60d
issue assign R5-027 --lead 张伟 --owner 孙磊 --dept 计划财务处 --due +90d
expect count --round R5 --status rectifying = 27
expect count --lead 王建国 = 9

## 报告须由第一责任人（党组书记）签字背书：别人签字会被拒绝
expect fail "须由第一责任人 陈明 签字背书" issue report R5-001 "已整改" --evidence "学习记录.pdf" --signed-by 刘洋

## 一个月后：9 个 30 天时限的问题该交账了
clock 2024-06-08
issue progress R5-001 "制定整改方案,明确措施和时限"
issue progress R5-004 "制定整改方案,明确措施和时限"
issue progress R5-007 "制定整改方案,明确措施和时限"
issue progress R5-010 "制定整改方案,明确措施和时限"
issue progress R5-013 "制定整改方案,明确措施和时限"
issue progress R5-016 "制定整改方案,明确措施和时限"
issue progress R5-019 "制定整改方案,明确措施和时限"
issue progress R5-022 "制定整改方案,明确措施和时限"
issue progress R5-025 "制定整改方案,明确措施和时限"
## 预警随模拟时钟变化：30 天时限的问题 6 月 10 日到期，还剩 2 天，亮黄灯；60 天、90 天的还早，暂不预警
warnings
expect warning R5-001 yellow

## 6 月 10 日：30 天时限的问题陆续报告整改
clock 2024-06-10
issue report R5-001 "已按方案完成整改" --evidence "整改台账-R5-001.pdf" --signed-by 陈明
issue report R5-004 "已按方案完成整改" --evidence "整改台账-R5-004.pdf" --signed-by 陈明
issue report R5-007 "已按方案完成整改" --evidence "整改台账-R5-007.pdf" --signed-by 陈明
issue report R5-010 "已按方案完成整改" --evidence "整改台账-R5-010.pdf" --signed-by 陈明
issue report R5-013 "已按方案完成整改" --evidence "整改台账-R5-013.pdf" --signed-by 陈明
issue report R5-016 "已按方案完成整改" --evidence "整改台账-R5-016.pdf" --signed-by 陈明
issue report R5-019 "已按方案完成整改" --evidence "整改台账-R5-019.pdf" --signed-by 陈明
issue report R5-022 "已按方案完成整改" --evidence "整改台账-R5-022.pdf" --signed-by 陈明
issue report R5-025 "已按方案完成整改" --evidence "整改台账-R5-025.pdf" --signed-by 陈明

## 巡察办验收：验收人不能是本问题的责任人（职责分离）
clock 2024-06-20
user 巡察办
expect fail "王建国 是 R5-001 的责任人" issue verify R5-001 --pass --by 王建国 --method documents
issue verify R5-001 --pass --by 吴静 --method documents,onsite
issue verify R5-004 --pass --by 吴静 --method documents,onsite
issue verify R5-007 --pass --by 吴静 --method documents,onsite
issue verify R5-010 --fail --by 吴静 --method documents,interview "发展党员档案仍有缺项,退回再整改"
issue verify R5-013 --pass --by 吴静 --method documents,onsite
issue verify R5-016 --pass --by 吴静 --method documents,onsite
issue verify R5-019 --pass --by 吴静 --method documents,onsite
issue verify R5-022 --pass --by 吴静 --method documents,onsite
issue verify R5-025 --pass --by 吴静 --method documents,onsite
expect status R5-010 rectifying

## 60 天时限的问题：7 月报告，其中一个验收不通过
clock 2024-07-05
user 局党组
issue report R5-010 "补齐发展党员档案材料,逐一核对" --evidence "发展党员档案核查表.xlsx" --signed-by 陈明
issue report R5-002 "已完成整改并建立长效机制" --evidence "整改报告-R5-002.pdf" --signed-by 陈明
issue report R5-005 "已完成整改并建立长效机制" --evidence "整改报告-R5-005.pdf" --signed-by 陈明
issue report R5-008 "已完成整改并建立长效机制" --evidence "整改报告-R5-008.pdf" --signed-by 陈明
issue report R5-011 "已完成整改并建立长效机制" --evidence "整改报告-R5-011.pdf" --signed-by 陈明
issue report R5-014 "已完成整改并建立长效机制" --evidence "整改报告-R5-014.pdf" --signed-by 陈明
issue report R5-017 "已完成整改并建立长效机制" --evidence "整改报告-R5-017.pdf" --signed-by 陈明
issue report R5-020 "已完成整改并建立长效机制" --evidence "整改报告-R5-020.pdf" --signed-by 陈明
issue report R5-023 "已完成整改并建立长效机制" --evidence "整改报告-R5-023.pdf" --signed-by 陈明
issue report R5-026 "已完成整改并建立长效机制" --evidence "整改报告-R5-026.pdf" --signed-by 陈明
clock 2024-07-15
user 巡察办
issue verify R5-010 --pass --by 吴静 --method documents,interview
issue verify R5-002 --pass --by 吴静 --method documents,onsite
issue verify R5-005 --pass --by 吴静 --method documents,onsite
issue verify R5-008 --pass --by 吴静 --method documents,onsite
issue verify R5-011 --pass --by 吴静 --method documents,onsite
issue verify R5-014 --pass --by 吴静 --method documents,onsite
issue verify R5-017 --pass --by 吴静 --method documents,onsite
issue verify R5-020 --fail --by 吴静 --method onsite "现场检查发现接待清单与实际不符"
issue verify R5-023 --pass --by 吴静 --method documents,onsite
issue verify R5-026 --pass --by 吴静 --method documents,onsite

## 举一反三、建章立制
issue rule R5-002 "党组“第一议题”学习制度"
issue rule R5-013 "干部选拔任用工作全程纪实办法"
issue rule R5-019 "津贴补贴发放管理办法"
issue rule R5-022 "政府采购内部控制规程"

## 违规发放津贴补贴问题线索移交纪委监委
transfer add R5-019 --to discipline "违规发放津贴补贴问题线索"

## 8 月：90 天时限的问题和退回的问题全部报告、验收
clock 2024-08-01
user 局党组
issue report R5-020 "重新梳理公务接待清单,严格执行接待标准" --evidence "公务接待清单核查.pdf" --signed-by 陈明
issue report R5-003 "整改到位" --evidence "整改报告-R5-003.pdf" --evidence "会议纪要-R5-003.pdf" --signed-by 陈明
issue report R5-006 "整改到位" --evidence "整改报告-R5-006.pdf" --evidence "会议纪要-R5-006.pdf" --signed-by 陈明
issue report R5-009 "整改到位" --evidence "整改报告-R5-009.pdf" --evidence "会议纪要-R5-009.pdf" --signed-by 陈明
issue report R5-012 "整改到位" --evidence "整改报告-R5-012.pdf" --evidence "会议纪要-R5-012.pdf" --signed-by 陈明
issue report R5-015 "整改到位" --evidence "整改报告-R5-015.pdf" --evidence "会议纪要-R5-015.pdf" --signed-by 陈明
issue report R5-018 "整改到位" --evidence "整改报告-R5-018.pdf" --evidence "会议纪要-R5-018.pdf" --signed-by 陈明
issue report R5-021 "整改到位" --evidence "整改报告-R5-021.pdf" --evidence "会议纪要-R5-021.pdf" --signed-by 陈明
issue report R5-024 "整改到位" --evidence "整改报告-R5-024.pdf" --evidence "会议纪要-R5-024.pdf" --signed-by 陈明
issue report R5-027 "整改到位" --evidence "整改报告-R5-027.pdf" --evidence "会议纪要-R5-027.pdf" --signed-by 陈明
clock 2024-08-06
user 巡察办
issue verify R5-020 --pass --by 吴静 --method onsite,documents
issue verify R5-003 --pass --by 吴静 --method documents,onsite,survey
issue verify R5-006 --pass --by 吴静 --method documents,onsite,survey
issue verify R5-009 --pass --by 吴静 --method documents,onsite,survey
issue verify R5-012 --pass --by 吴静 --method documents,onsite,survey
issue verify R5-015 --pass --by 吴静 --method documents,onsite,survey
issue verify R5-018 --pass --by 吴静 --method documents,onsite,survey
issue verify R5-021 --pass --by 吴静 --method documents,onsite,survey
issue verify R5-024 --pass --by 吴静 --method documents,onsite,survey
issue verify R5-027 --pass --by 吴静 --method documents,onsite,survey
transfer conclude T-0001 --sanctions 2 --handled 3 --recovered 112521

## 结果：27 个问题全部销号，两个问题曾被退回一次；整改率按“已销号 ÷ (总数 − 撤销)”计算，口径随结果一并输出
stats --round R5 --by category
ledger units
slip R5-020
expect count --round R5 = 27
expect count --round R5 --status closed = 27
expect count --round R5 --category political = 9
expect count --round R5 --category organizational = 9
expect count --round R5 --category integrity = 9
expect count --round R5 --overdue = 0
expect status R5-010 closed
expect status R5-020 closed
expect rate --round R5 = 100.00%
expect rate = 100.00%
round close R5
