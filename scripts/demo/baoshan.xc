## 保山：巡察整改质效评估 —— 三印证验收，评估不通过就“再整改”
## 事迹见《增强巡察整改“内驱力”》（云南）：保山市组建整改评估组，对被巡察单位整改情况全面、客观评估；
## 评估结果与考核、选拔、评优挂钩；评估中发现的问题要“再整改”“再治理”；整改不力的制发督办函或提示函，
## 敷衍应付、虚假整改的约谈被巡察党组织负责同志。本演示的单位负责人、评估组成员均为虚构。
clock 2023-03-20
user 市委巡察办
unit add ZRZY "保山市自然资源和规划局" --secretary 杨志明
unit add SDWJ "施甸县卫生健康局" --secretary 段红英

## 全市验收政策：销号须经三种方式相互印证（三印证）
set verify.methods 3

round open R3 "七届保山市委第三轮巡察" --kind regular --from 2023-03-20 --to +50d
round team R3 "市委第二巡察组" --leader 董建国
round target R3 ZRZY
round target R3 SDWJ
issue add R3 ZRZY "耕地保护责任落实不到位" --category political --source documents
issue add R3 ZRZY "规划审批“放管服”改革推进缓慢" --category conduct --source hotline
issue add R3 ZRZY "矿产资源出让收益征缴不及时" --category integrity --source audit
issue add R3 ZRZY "违规占用耕地建房整治不彻底" --category discipline --source visit
issue add R3 SDWJ "医疗机构药品耗材采购监管不严" --category integrity --source audit
issue add R3 SDWJ "村卫生室服务能力不足" --category conduct --source visit
issue add R3 SDWJ "基层党组织标准化建设滞后" --category organizational --source interview
clock 2023-06-20
round feedback R3 --on 2023-06-20 --due +90d
expect count --round R3 = 7

clock 2023-06-25
user 市自然资源和规划局
issue assign R3-001 --lead 杨志明 --owner 施春华 --dept 耕地保护监督科
issue assign R3-002 --lead 杨志明 --owner 罗斌 --dept 行政审批科
issue assign R3-003 --lead 施春华 --owner 罗斌 --dept 矿产资源管理科
issue assign R3-004 --lead 施春华 --owner 罗斌 --dept 执法监察支队
user 施甸县卫生健康局
issue assign R3-005 --lead 段红英 --owner 赵永福 --dept 医政医管股
issue assign R3-006 --lead 段红英 --owner 赵永福 --dept 基层卫生股
issue assign R3-007 --lead 段红英 --owner 李娟 --dept 机关党支部

## 8 月底，两家单位报告整改完成，书记签字背书
clock 2023-08-28
user 市自然资源和规划局
issue report R3-001 "耕地保护目标责任书签订到乡镇" --evidence "目标责任书.pdf" --signed-by 杨志明
issue report R3-002 "规划审批时限压缩 40%" --evidence "审批时限对比表.xlsx" --signed-by 杨志明
issue report R3-003 "欠缴出让收益全部征缴入库" --evidence "缴款凭证.pdf" --signed-by 杨志明
issue report R3-004 "违规占用耕地建房已全部整治" --evidence "整治台账.xlsx" --signed-by 杨志明
user 施甸县卫生健康局
issue report R3-005 "药品耗材集中带量采购、全程留痕" --evidence "采购平台截图.pdf" --signed-by 段红英
issue report R3-006 "村卫生室配齐设备、乡镇医生下沉坐诊" --evidence "设备配备清单.xlsx" --signed-by 段红英
issue report R3-007 "支部标准化建设达标" --evidence "达标验收表.pdf" --signed-by 段红英

## 整改评估组进场。只查资料不能销号：三印证要求三种方式
clock 2023-09-05
user 整改评估组
expect fail "销号需要 3 种验收方式，只给出 1 种" issue verify R3-004 --pass --by 毕文涛 --method documents
expect fail "销号需要 3 种验收方式，只给出 2 种" issue verify R3-004 --pass --by 毕文涛 --method documents,onsite

## 问卷调查显示群众对村卫生室满意度不高：同样退回
issue verify R3-006 --fail --by 毕文涛 --method documents,onsite,survey "问卷满意度 62%,乡镇医生下沉坐诊未常态化"
expect status R3-006 rectifying

## 其余五个问题三印证通过，销号
issue verify R3-001 --pass --by 毕文涛 --method documents,onsite,survey
issue verify R3-002 --pass --by 毕文涛 --method documents,onsite,survey
issue verify R3-003 --pass --by 毕文涛 --method documents,onsite,interview
issue verify R3-005 --pass --by 毕文涛 --method documents,onsite,survey
issue verify R3-007 --pass --by 毕文涛 --method documents,onsite,interview
expect rate --round R3 = 71.43%

## 评估结论：现场检查发现台账上“已整改”的 12 宗违建仍有 5 宗未拆除，自然资源和规划局评为“差”，R3-004 再整改；
## 卫健局问卷满意度不高，评为“一般”
assess R3 ZRZY "台账与实际不符:12 宗违建仍有 5 宗未拆除" --grade poor --by 整改评估组 --method documents,onsite,survey --redo R3-004
expect status R3-004 rectifying
expect grade R3 ZRZY poor
assess R3 SDWJ "问卷满意度 62%,乡镇医生下沉坐诊未常态化" --grade fair --by 整改评估组 --method documents,onsite,survey
ledger assessments

## 台账上“已整改”与实际不符，属于敷衍整改：制发督办函，纪检监察机关和组织部门约谈局党组书记
user 市委巡察办
urge ZRZY --kind letter "督办函:违规占用耕地建房问题再整改,9 月 15 日前报告" --issue R3-004
urge ZRZY --kind talk "约谈杨志明:整改台账与实际不符,敷衍整改" --issue R3-004
urge SDWJ --kind notice "提示函:村卫生室服务能力问题再整改" --issue R3-006
expect warning R3-004 green

## 再整改：重新报告
clock 2023-09-14
user 市自然资源和规划局
issue progress R3-004 "逐宗现场核查,5 宗违建全部拆除复耕"
issue report R3-004 "剩余 5 宗违建全部拆除复耕,建立耕地“田长制”巡查" --evidence "拆除复耕照片.pdf" --evidence "田长制巡查记录.xlsx" --signed-by 杨志明
user 施甸县卫生健康局
issue report R3-006 "乡镇医生每周两天驻村坐诊,纳入绩效考核" --evidence "坐诊排班表.xlsx" --evidence "满意度回访记录.pdf" --signed-by 段红英

## 再次评估：三种方式相互印证，通过、销号；举一反三建章立制
clock 2023-09-18
user 整改评估组
issue verify R3-004 --pass --by 毕文涛 --method documents,onsite,visit "逐宗核查,已拆除复耕"
issue verify R3-006 --pass --by 毕文涛 --method documents,onsite,survey "回访满意度 91%"
issue rule R3-004 "耕地保护“田长制”实施办法"
issue rule R3-006 "乡镇医生驻村坐诊管理办法"
slip R3-004
issue show R3-004

## 再次评估：两家单位整改到位；评估结果抄送组织部门，与考核、选拔、评优挂钩
assess R3 ZRZY "违建全部拆除复耕,建立“田长制”巡查" --grade good --by 整改评估组 --method documents,onsite,visit
assess R3 SDWJ "乡镇医生驻村坐诊常态化,回访满意度 91%" --grade good --by 整改评估组 --method documents,onsite,survey

## 评估结果：七个问题全部销号，其中两个经“再整改”
user 市委巡察办
stats --round R3 --by unit
ledger units
expect count --round R3 --status closed = 7
expect count --overdue = 0
expect status R3-004 closed
expect status R3-006 closed
expect rate --unit ZRZY = 100.00%
expect rate --round R3 = 100.00%
expect grade R3 ZRZY good
expect grade R3 SDWJ good
round close R3
