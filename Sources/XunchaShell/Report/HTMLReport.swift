import XunchaCore

/// `report html`: one self-contained page for leadership — headline rates with their formula,
/// the rate of each unit, problems by category and status, warnings by unit, transfers and their
/// outcomes, and rules established. Everything is inline (style, SVG); nothing is fetched.
enum HTMLReport {
    static func page(_ m: ReportModel) -> String {
        var h = "<!DOCTYPE html>\n<html lang=\"\(m.lang == .zh ? "zh-CN" : "en")\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        h += "<title>\(HTML.escape(title(m) + " — " + m.scope))</title>\n<style>\n\(ReportStyle.css)\n</style>\n</head>\n<body>\n<main class=\"sheet\">\n"
        h += masthead(m)
        h += headline(m)
        h += charts(m)
        h += warnings(m)
        h += transfers(m)
        h += rules(m)
        h += assessments(m)
        h += checks(m)
        h += footer(m)
        return h + "</main>\n</body>\n</html>\n"
    }

    static func title(_ m: ReportModel) -> String { m.t("Inspection rectification report", "巡察整改情况报告") }

    /// Section heading, numbered the way Chinese official reports are (一、二、…).
    static func heading(_ n: Int, _ text: String, aside: String? = nil, _ m: ReportModel) -> String {
        let numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九"]
        let no = m.lang == .zh && numerals.indices.contains(n - 1) ? numerals[n - 1] + "、" : "\(n)."
        let side = aside.map { "<span class=\"aside\">\(HTML.escape($0))</span>" } ?? ""
        return "<h2>\(side)<span class=\"no\">\(no)</span>\(HTML.escape(text))</h2>\n"
    }

    static func masthead(_ m: ReportModel) -> String {
        var meta: [(String, String)] = []
        if let r = m.round {
            meta.append((m.t("Round", "轮次"), r.code))
            meta.append((m.t("Kind", "类型"), word(r.kind, m.lang)))
            if let f = r.feedbackOn { meta.append((m.t("Feedback", "反馈"), f.iso)) }
        }
        meta.append((m.t("As of", "截至"), m.asOf.iso))
        let colon = m.lang == .zh ? "：" : ": "
        let items = meta.map { "<span>\(HTML.escape($0.0 + colon))<b>\(HTML.escape($0.1))</b></span>" }.joined()
        return """
        <header class="masthead">
        <div class="kicker">\(HTML.escape(m.round?.title ?? m.scope))</div>
        <h1>\(HTML.escape(title(m)))</h1>
        <div class="redline"></div>
        <p class="meta">\(items)</p>
        </header>

        """
    }

    /// One headline card; the parts of `sub` wrap only between each other, never inside one.
    static func kpi(_ label: String, _ value: String, unit: String = "", sub: [String], cls: String = "", extra: String = "") -> String {
        let small = unit.isEmpty ? "" : "<small>\(HTML.escape(unit))</small>"
        // The separator stays with the part before it, so a wrapped line never starts with one.
        let parts = sub.count == 1 ? HTML.escape(sub[0])
            : sub.enumerated().map { k, p in "<span>\(HTML.escape(p))\(k < sub.count - 1 ? " ·" : "")</span>" }.joined(separator: " ")
        return "<div class=\"kpi \(cls)\"><div class=\"label\">\(HTML.escape(label))</div><div class=\"value\">\(HTML.escape(value))\(small)</div>"
            + extra + "<div class=\"sub\">\(parts)</div></div>\n"
    }

    static func headline(_ m: ReportModel) -> String {
        let s = m.summary, r = s.rate
        let low = GroupLedgers.belowThreshold(r, m.policy)
        let width = r.hundredths.map { HTML.num(Double($0) / 100) } ?? "0"
        let meter = "<div class=\"meter\(low ? " low" : "")\"><span style=\"width:\(width)%\"></span></div>"
        var rateSub = [r.fraction]
        if r.longterm > 0 { rateSub.append(m.t("\(r.longterm) long-term apart", "长期坚持 \(r.longterm) 个另计")) }
        var h = "<section class=\"kpis\">\n"
        h += kpi(m.t("Rectification rate", "整改率"), r.percent, sub: rateSub, cls: "rate", extra: meter)
        h += kpi(m.t("Problems", "问题总数"), HTML.grouped(r.all), unit: m.t("", "个"),
                 sub: [m.t("\(r.closed) closed", "已销号 \(r.closed)"), m.t("\(s.open) open", "未销号 \(s.open)"),
                       m.t("\(r.withdrawn) withdrawn", "撤销 \(r.withdrawn)")])
        h += kpi(m.t("Overdue", "逾期"), HTML.grouped(s.overdue), unit: m.t("", "个"),
                 sub: [m.t("due soon: \(m.warningCount(.yellow)) yellow", "临期：黄 \(m.warningCount(.yellow))"),
                       m.t("\(m.warningCount(.green)) green", "绿 \(m.warningCount(.green))")],
                 cls: s.overdue > 0 ? "alert" : "ok")
        h += kpi(m.t("Transfers", "移交事项"), HTML.grouped(s.outcomes.transfers), unit: m.t("", "件"),
                 sub: [m.t("\(s.outcomes.concluded) concluded", "已办结 \(s.outcomes.concluded) 件")])
        h += kpi(m.t("Rules established", "建章立制"), HTML.grouped(s.rules), unit: m.t("", "项"),
                 sub: [m.t("regulations made because of problems", "因问题整改建立的制度")])
        h += "</section>\n"
        h += "<p class=\"formula\"><b>\(HTML.escape(m.t("Formula", "口径")))</b>\(HTML.escape(r.line(m.lang)))</p>\n"
        return h
    }

    static func charts(_ m: ReportModel) -> String {
        let th = m.policy.rateThreshold
        var h = "<section class=\"block\">\n"
        h += heading(1, m.t("Rectification rate by unit", "各单位整改率"), aside: m.t("lowest first", "按整改率由低到高"), m)
        h += "<figure>\n" + SVGCharts.unitRates(m) + "\n<figcaption class=\"legendline\">"
        h += "<span><i class=\"sw\" style=\"background:\(SVGCharts.Palette.bar)\"></i>\(HTML.escape(m.t("at or above \(th)%", "达到 \(th)%")))</span>"
        h += "<span><i class=\"sw\" style=\"background:\(SVGCharts.Palette.low)\"></i>\(HTML.escape(m.t("below the talk line of \(th)%: flagged for a talk", "低于约谈线 \(th)%：列为约谈对象")))</span>"
        h += "<span>\(HTML.escape(m.t("rate = ", "整改率 = ") + Rate.formula.text(m.lang)))</span>"
        h += "</figcaption>\n</figure>\n</section>\n"

        h += "<section class=\"block\">\n" + heading(2, m.t("Problems by category and status", "问题类别与整改状态"), m)
        h += "<div class=\"grid2\">\n<figure class=\"card\"><h3>\(HTML.escape(m.t("By category", "按问题类别")))</h3>\n<div class=\"donut\">"
        h += SVGCharts.categoryDonut(m) + "<ul class=\"legend\">"
        let total = m.categories.reduce(0) { $0 + $1.count }
        for c in m.categories {
            h += "<li><i class=\"sw\" style=\"background:\(SVGCharts.Palette.category(c.category))\"></i>"
            h += "<span>\(HTML.escape(word(c.category, m.lang)))</span><span class=\"n\">\(HTML.grouped(c.count))</span>"
            h += "<span class=\"pct\">\(HTML.share(c.count, of: total))</span>"
            h += "<span class=\"closed\">\(HTML.escape(m.t("\(c.closed) closed", "已销号 \(c.closed)")))</span></li>"
        }
        if m.categories.isEmpty { h += "<li class=\"none\">\(HTML.escape(m.t("no problems", "暂无问题")))</li>" }
        h += "</ul></div>\n</figure>\n"
        h += "<figure class=\"card\"><h3>\(HTML.escape(m.t("By status", "按整改状态")))</h3>\n" + SVGCharts.statusBars(m) + "\n</figure>\n"
        return h + "</div>\n</section>\n"
    }

    static func warnings(_ m: ReportModel) -> String {
        let p = m.policy
        var h = "<section class=\"block\">\n"
        h += heading(3, m.t("Overdue and warnings by unit", "逾期与预警"), aside: m.t("as of \(m.asOf.iso)", "截至 \(m.asOf.iso)"), m)
        h += "<div class=\"lights\">"
        for (c, label) in [(WarningColour.red, m.t("red · overdue", "红灯 · 逾期")),
                           (.yellow, m.t("yellow · due within \(p.yellowDays) days", "黄灯 · \(p.yellowDays) 天内到期")),
                           (.green, m.t("green · due within \(p.greenDays) days", "绿灯 · \(p.greenDays) 天内到期"))] {
            h += "<div class=\"light\"><i class=\"dot \(c.rawValue)\"></i><b>\(m.warningCount(c))</b>\(HTML.escape(label))</div>"
        }
        h += "</div>\n"
        guard !m.warnings.isEmpty else {
            return h + "<p class=\"empty ok\">\(HTML.escape(m.t("✓ No problem is overdue or due soon as of \(m.asOf.iso).", "✓ 截至 \(m.asOf.iso)，没有逾期或临期的问题。")))</p>\n</section>\n"
        }
        h += "<table>\n<thead><tr><th>\(HTML.escape(m.t("Unit", "单位")))</th>"
        h += "<th class=\"n\">\(HTML.escape(m.t("Red", "红")))</th><th class=\"n\">\(HTML.escape(m.t("Yellow", "黄")))</th><th class=\"n\">\(HTML.escape(m.t("Green", "绿")))</th>"
        h += "<th>\(HTML.escape(m.t("Problems", "问题")))</th></tr></thead>\n<tbody>\n"
        for u in m.warnings {
            h += "<tr><td><b>\(HTML.escape(u.code))</b> \(HTML.escape(u.name))</td>"
            for c in [WarningColour.red, .yellow, .green] {
                let n = u.count(c)
                h += "<td class=\"n\"><span class=\"count \(n > 0 ? c.rawValue : "zero")\">\(n)</span></td>"
            }
            h += "<td>"
            for i in u.warned {
                // A red problem is overdue by as many days as its deadline is behind the report's day.
                let overdue = i.due.days(until: m.asOf), left = m.asOf.days(until: i.due)
                let days = i.colour == .red ? m.t("overdue \(overdue)d", "逾期 \(overdue) 天") : m.t("\(left)d left", "剩 \(left) 天")
                let tip = "\(i.id) \(i.title)" + m.t(" — due \(i.due.iso)", " — 时限 \(i.due.iso)")
                h += "<span class=\"chip \(i.colour.rawValue)\" title=\"\(HTML.escape(tip))\">\(HTML.escape(i.id)) · \(HTML.escape(days))</span>"
            }
            h += "</td></tr>\n"
        }
        return h + "</tbody>\n</table>\n</section>\n"
    }

    static func transfers(_ m: ReportModel) -> String {
        let o = m.summary.outcomes
        var h = "<section class=\"block\">\n" + heading(4, m.t("Transfers and outcomes", "移交事项及办结情况"), m)
        h += "<div class=\"tiles\">"
        let tiles = [(HTML.grouped(o.transfers), m.t("transferred", "移交（件）")), (HTML.grouped(o.concluded), m.t("concluded", "办结（件）")),
                     (HTML.grouped(o.sanctions), m.t("people sanctioned", "党纪政务处分（人）")),
                     (HTML.grouped(o.handled), m.t("person-times handled", "组织处理（人次）")),
                     (HTML.escape(Money.text(o.recovered, m.lang)), m.t("recovered", "追缴")),
                     (HTML.escape(Money.text(o.refunded, m.lang)), m.t("refunded", "清退"))]
        for (value, label) in tiles { h += "<div class=\"tile\"><b>\(value)</b><span>\(HTML.escape(label))</span></div>" }
        h += "</div>\n"
        guard !m.summary.transfers.isEmpty else {
            return h + "<p class=\"empty\">\(HTML.escape(m.t("No matter has been transferred.", "暂无移交事项。")))</p>\n</section>\n"
        }
        let heads: [(String, Bool)] = [(m.t("No.", "编号"), false), (m.t("Problem", "问题"), false), (m.t("To", "移交对象"), false),
                                       (m.t("Matter", "事项"), false), (m.t("Transferred", "移交日期"), false), (m.t("Concluded", "办结日期"), false),
                                       (m.t("Sanctioned", "处分"), true), (m.t("Handled", "组织处理"), true),
                                       (m.t("Recovered", "追缴"), true), (m.t("Refunded", "清退"), true)]
        h += "<table>\n<thead><tr>" + heads.map { "<th\($0.1 ? " class=\"n\"" : "")>\(HTML.escape($0.0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for t in m.summary.transfers {
            let unit = m.transferUnits[t.id] ?? ""
            h += "<tr><td class=\"id\">\(HTML.escape(t.id))</td><td class=\"nowrap\">\(HTML.escape(t.issue)) <span class=\"note\">\(HTML.escape(unit))</span></td>"
            h += "<td class=\"nowrap\">\(HTML.escape(word(t.to, m.lang)))</td><td>\(HTML.escape(t.summary))</td>"
            h += "<td class=\"id\">\(t.on.iso)</td>"
            h += "<td class=\"id\">\(t.concludedOn.map(\.iso) ?? HTML.escape(m.t("pending", "办理中")))</td>"
            for v in [t.outcome?.sanctions, t.outcome?.handled] {
                h += "<td class=\"n\">\(v.map(HTML.grouped) ?? "—")</td>"
            }
            for v in [t.outcome?.recovered, t.outcome?.refunded] {
                h += "<td class=\"n nowrap\">\(v.map { HTML.escape(Money.text($0, m.lang)) } ?? "—")</td>"
            }
            h += "</tr>\n"
        }
        return h + "</tbody>\n</table>\n</section>\n"
    }

    static func rules(_ m: ReportModel) -> String {
        var h = "<section class=\"block\">\n" + heading(5, m.t("Rules established", "建章立制"),
                                                         aside: m.t("\(m.rules.count) in all", "共 \(m.rules.count) 项"), m)
        guard !m.rules.isEmpty else {
            return h + "<p class=\"empty\">\(HTML.escape(m.t("No rule has been established yet.", "暂无建章立制成果。")))</p>\n</section>\n"
        }
        h += "<table>\n<thead><tr><th class=\"n\">#</th><th>\(HTML.escape(m.t("Rule", "制度名称")))</th><th>\(HTML.escape(m.t("Because of", "对应问题")))</th>"
        h += "<th>\(HTML.escape(m.t("Unit", "单位")))</th><th>\(HTML.escape(m.t("Established", "建立日期")))</th></tr></thead>\n<tbody>\n"
        for (k, entry) in m.rules.enumerated() {
            h += "<tr><td class=\"n\">\(k + 1)</td><td><b>\(HTML.escape(entry.rule.title))</b></td>"
            h += "<td><span class=\"note\">\(HTML.escape(entry.issue))</span> \(HTML.escape(entry.issueTitle))</td>"
            h += "<td>\(HTML.escape(m.unitNames[entry.unit] ?? entry.unit))</td><td class=\"id\">\(entry.rule.on.iso)</td></tr>\n"
        }
        return h + "</tbody>\n</table>\n</section>\n"
    }

    static func footer(_ m: ReportModel) -> String {
        let th = m.policy.rateThreshold
        let text = m.t("Rate = \(Rate.formula.en); problems verified as long-term upkeep are counted apart. Units below the talk line of \(th)% are flagged for a talk. Warnings: red = overdue, yellow = due within \(m.policy.yellowDays) days, green = within \(m.policy.greenDays) days.",
                       "口径说明：整改率 = \(Rate.formula.zh)，长期坚持的问题另计；整改率低于约谈线 \(th)% 的单位列为约谈对象；预警：红 = 逾期，黄 = \(m.policy.yellowDays) 天内到期，绿 = \(m.policy.greenDays) 天内到期。")
        // Who made the table is the identity the session acted as (`user`), not the login.
        let made = m.t("Prepared by \(m.generatedBy), as of \(m.asOf.iso), with xuncha.", "制表人：\(m.generatedBy)；数据截至 \(m.asOf.iso)；由 xuncha 生成。")
        return "<footer>\(HTML.escape(text))<br><span class=\"by\">\(HTML.escape(made))</span></footer>\n"
    }
}
