import Foundation
import XunchaCore

/// The charts of the HTML report as inline SVG, drawn here so the page needs no script, no
/// library and no network. Every label from the ledger goes through `HTML.escape`; sizes are in
/// CSS pixels of a 920-pixel-wide column and scale with the page (`viewBox`).
enum SVGCharts {
    /// Colours shared by the charts and the page's CSS, chosen to survive grey-scale printing
    /// (the low-rate orange and the normal blue differ in lightness as well as hue).
    enum Palette {
        static let bar = "#2f6fb0"
        static let low = "#e8590c"
        static let track = "#eef2f6"
        static let grid = "#d9dee5"
        static let text = "#1f2933"
        static let muted = "#616e7c"
        static let threshold = "#c92a2a"
        static let red = "#d64545"
        static let yellow = "#f0b429"
        static let green = "#3f9142"

        static func category(_ c: Category) -> String {
            switch c {
            case .political: "#c62828"
            case .ideological: "#ef6c00"
            case .organizational: "#1565c0"
            case .conduct: "#6a1b9a"
            case .discipline: "#2e7d32"
            case .integrity: "#00838f"
            }
        }

        static func status(_ s: IssueStatus) -> String {
            switch s {
            case .registered: "#9aa5b1"
            case .rectifying: "#f0b429"
            case .reported: "#2f6fb0"
            case .longterm: "#0b7285"
            case .closed: "#3f9142"
            case .withdrawn: "#cbd2d9"
            }
        }
    }

    /// Rate per unit as horizontal bars, lowest first, with the `rate.threshold` line; units
    /// below it are drawn in orange and labelled.
    static func unitRates(_ m: ReportModel) -> String {
        let width = 920.0, left = 230.0, right = 250.0, top = 34.0, rowH = 34.0, barH = 18.0
        let area = width - left - right
        let height = top + Double(max(m.units.count, 1)) * rowH + 26
        let x = { (percent: Double) in left + area * percent / 100 }
        var s = open(width, height, label: m.t("Rectification rate by unit", "各单位整改率"))
        guard !m.units.isEmpty else {
            return s + text(width / 2, height / 2, m.t("no units in scope", "范围内没有单位"), size: 14, fill: Palette.muted, anchor: "middle") + "</svg>"
        }

        // Grid and axis: 0, 25, 50, 75, 100 percent.
        for p in stride(from: 0.0, through: 100, by: 25) {
            s += "<line x1=\"\(HTML.num(x(p)))\" y1=\"\(HTML.num(top - 6))\" x2=\"\(HTML.num(x(p)))\" y2=\"\(HTML.num(height - 22))\" stroke=\"\(Palette.grid)\" stroke-width=\"1\"/>"
            s += text(x(p), height - 6, "\(Int(p))%", size: 12, fill: Palette.muted, anchor: "middle")
        }
        let threshold = Double(m.policy.rateThreshold)
        let tx = x(threshold)
        s += "<line x1=\"\(HTML.num(tx))\" y1=\"\(HTML.num(top - 10))\" x2=\"\(HTML.num(tx))\" y2=\"\(HTML.num(height - 22))\" stroke=\"\(Palette.threshold)\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\"/>"
        let thresholdLabel = m.t("talk threshold \(m.policy.rateThreshold)%", "约谈线 \(m.policy.rateThreshold)%")
        s += text(tx, top - 16, thresholdLabel, size: 12, fill: Palette.threshold, anchor: "middle", weight: "600")

        for (k, u) in m.units.enumerated() {
            let y = top + Double(k) * rowH
            let mid = y + rowH / 2
            let colour = u.low ? Palette.low : Palette.bar
            let name = u.name.isEmpty ? u.code : u.name
            s += "<g><title>\(HTML.escape("\(u.code) \(name)" + m.t(": ", "：") + u.rate.fraction))</title>"
            s += "<rect x=\"\(HTML.num(left))\" y=\"\(HTML.num(mid - barH / 2))\" width=\"\(HTML.num(area))\" height=\"\(HTML.num(barH))\" rx=\"3\" fill=\"\(Palette.track)\"/>"
            if let h = u.rate.hundredths, h > 0 {
                let w = area * Double(h) / 10_000
                s += "<rect x=\"\(HTML.num(left))\" y=\"\(HTML.num(mid - barH / 2))\" width=\"\(HTML.num(w))\" height=\"\(HTML.num(barH))\" rx=\"3\" fill=\"\(colour)\"/>"
            }
            s += text(left - 12, mid + 5, HTML.fit(name, width: left - 20, size: 14), size: 14,
                      fill: u.low ? Palette.low : Palette.text, anchor: "end", weight: u.low ? "700" : "400")
            let value = u.rate.hundredths == nil ? m.t("nothing to count", "无应销号问题") : u.rate.percent
            var label = "<tspan font-weight=\"700\" fill=\"\(u.low ? Palette.low : Palette.text)\">\(HTML.escape(value))</tspan>"
            if u.rate.hundredths != nil {
                label += "<tspan fill=\"\(Palette.muted)\" font-size=\"12\"> \(u.rate.closed)/\(u.rate.denominator)</tspan>"
            }
            if u.low {
                label += "<tspan fill=\"\(Palette.low)\" font-size=\"12\" font-weight=\"700\">  \(HTML.escape(m.t("▼ below threshold", "▼ 低于约谈线")))</tspan>"
            }
            s += "<text x=\"\(HTML.num(left + area + 10))\" y=\"\(HTML.num(mid + 5))\" font-size=\"14\" fill=\"\(Palette.text)\">\(label)</text>"
            s += "</g>"
        }
        return s + "</svg>"
    }

    /// Problems by category as a donut, the total in its middle. The legend is HTML beside it.
    static func categoryDonut(_ m: ReportModel) -> String {
        let size = 220.0, c = size / 2, r = 80.0, stroke = 34.0
        let circumference = 2 * Double.pi * r
        let total = m.categories.reduce(0) { $0 + $1.count }
        var s = open(size, size, label: m.t("Problems by category", "问题类别分布"))
        s += "<circle cx=\"\(HTML.num(c))\" cy=\"\(HTML.num(c))\" r=\"\(HTML.num(r))\" fill=\"none\" stroke=\"\(Palette.track)\" stroke-width=\"\(HTML.num(stroke))\"/>"
        var start = 0.0
        // A thin gap between slices keeps neighbours apart on paper; one slice is a full ring.
        let gap = m.categories.count > 1 ? 1.5 : 0
        for slice in m.categories where total > 0 {
            let length = circumference * Double(slice.count) / Double(total)
            let drawn = max(length - gap, 0.5)
            s += "<circle cx=\"\(HTML.num(c))\" cy=\"\(HTML.num(c))\" r=\"\(HTML.num(r))\" fill=\"none\" stroke=\"\(Palette.category(slice.category))\" "
            s += "stroke-width=\"\(HTML.num(stroke))\" stroke-dasharray=\"\(HTML.num(drawn)) \(HTML.num(circumference - drawn))\" "
            s += "stroke-dashoffset=\"\(HTML.num(-start))\" transform=\"rotate(-90 \(HTML.num(c)) \(HTML.num(c)))\">"
            let share = HTML.share(slice.count, of: total)
            s += "<title>\(HTML.escape(word(slice.category, m.lang) + m.t(": \(slice.count) (\(share))", "：\(slice.count)（\(share)）")))</title></circle>"
            start += length
        }
        s += text(c, c + 6, HTML.grouped(total), size: 34, fill: Palette.text, anchor: "middle", weight: "700")
        s += text(c, c + 28, m.t("problems", "个问题"), size: 13, fill: Palette.muted, anchor: "middle")
        return s + "</svg>"
    }

    /// How many problems stand in each lifecycle state, in lifecycle order.
    static func statusBars(_ m: ReportModel) -> String {
        let width = 374.0, left = 84.0, right = 44.0, rowH = 30.0, barH = 16.0
        let area = width - left - right
        let height = Double(m.statuses.count) * rowH + 8
        let most = max(m.statuses.map(\.count).max() ?? 0, 1)
        var s = open(width, height, label: m.t("Problems by status", "问题状态分布"))
        for (k, entry) in m.statuses.enumerated() {
            let mid = 4 + Double(k) * rowH + rowH / 2
            s += text(left - 10, mid + 5, word(entry.status, m.lang), size: 14, fill: Palette.text, anchor: "end")
            s += "<rect x=\"\(HTML.num(left))\" y=\"\(HTML.num(mid - barH / 2))\" width=\"\(HTML.num(area))\" height=\"\(HTML.num(barH))\" rx=\"3\" fill=\"\(Palette.track)\"/>"
            if entry.count > 0 {
                let w = max(area * Double(entry.count) / Double(most), 3)
                s += "<rect x=\"\(HTML.num(left))\" y=\"\(HTML.num(mid - barH / 2))\" width=\"\(HTML.num(w))\" height=\"\(HTML.num(barH))\" rx=\"3\" fill=\"\(Palette.status(entry.status))\"/>"
            }
            s += text(left + area + 8, mid + 5, HTML.grouped(entry.count), size: 14, fill: entry.count > 0 ? Palette.text : Palette.muted, anchor: "start", weight: "700")
        }
        return s + "</svg>"
    }

    /// The opening tag: scales to its column, keeps its proportions, and is announced to
    /// screen readers by `label`.
    static func open(_ width: Double, _ height: Double, label: String) -> String {
        // No xmlns: inline SVG in HTML does not need it, and the page then names no URL at all.
        "<svg viewBox=\"0 0 \(HTML.num(width)) \(HTML.num(height))\" "
            + "width=\"\(HTML.num(width))\" height=\"\(HTML.num(height))\" role=\"img\" aria-label=\"\(HTML.escape(label))\">"
    }

    /// One escaped label.
    static func text(_ x: Double, _ y: Double, _ content: String, size: Double, fill: String, anchor: String = "start", weight: String = "400") -> String {
        "<text x=\"\(HTML.num(x))\" y=\"\(HTML.num(y))\" font-size=\"\(HTML.num(size))\" fill=\"\(fill)\" text-anchor=\"\(anchor)\""
            + (weight == "400" ? "" : " font-weight=\"\(weight)\"") + ">\(HTML.escape(content))</text>"
    }
}
