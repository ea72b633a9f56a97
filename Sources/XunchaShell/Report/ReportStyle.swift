/// The style sheet of the HTML report, inline so the page stands alone. System fonts only (a
/// CJK stack, then sans-serif), an A4 sheet on screen, and print rules that keep each chart,
/// card and table row on one page.
enum ReportStyle {
    static let fonts = "\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"WenQuanYi Micro Hei\", \"Microsoft YaHei\", \"PingFang SC\", \"Helvetica Neue\", Arial, sans-serif"

    static let css = """
    *{box-sizing:border-box}
    html{-webkit-text-size-adjust:100%}
    body{margin:0;background:#e9ecef;color:#1f2933;font-family:\(fonts);font-size:14px;line-height:1.55;
      -webkit-print-color-adjust:exact;print-color-adjust:exact}
    .sheet{width:1000px;max-width:100%;margin:28px auto;background:#fff;padding:40px 40px 28px;
      box-shadow:0 2px 14px rgba(15,23,42,.13)}
    .masthead{text-align:center;margin-bottom:22px}
    .masthead .kicker{color:#b3121b;font-size:14px;letter-spacing:.2em;font-weight:600}
    .masthead h1{margin:2px 0 10px;color:#b3121b;font-size:32px;letter-spacing:.12em;font-weight:700}
    :lang(en) .masthead h1{letter-spacing:.01em}
    :lang(en) .masthead .kicker{letter-spacing:.08em;text-transform:uppercase;font-size:13px}
    .masthead .redline{height:3px;background:#b3121b;border-bottom:1px solid #fff;box-shadow:0 3px 0 #b3121b;margin:0 0 14px}
    .meta{display:flex;justify-content:center;flex-wrap:wrap;gap:6px 26px;margin:0;color:#52606d;font-size:13.5px}
    .meta b{color:#1f2933;font-weight:600}
    .kpis{display:grid;grid-template-columns:1.45fr 1fr 1fr 1fr 1fr;gap:12px;margin:18px 0 10px}
    .kpi{border:1px solid #e4e7eb;border-radius:8px;padding:12px 14px 11px;background:#fbfcfd;border-top:4px solid #2f6fb0}
    .kpi.rate{border-top-color:#b3121b;background:#fff}
    .kpi.alert{border-top-color:#d64545}
    .kpi.ok{border-top-color:#3f9142}
    .kpi .label{font-size:13px;color:#52606d;font-weight:600}
    .kpi .value{font-size:30px;font-weight:700;line-height:1.2;font-variant-numeric:tabular-nums;margin:2px 0 4px}
    .kpi.rate .value{font-size:36px;color:#b3121b}
    .kpi.alert .value{color:#d64545}
    .kpi .value small{font-size:14px;font-weight:600;color:#52606d;margin-left:3px}
    .kpi .sub{font-size:12.5px;color:#616e7c;line-height:1.45}
    .kpi .sub span{white-space:nowrap}
    .meter{height:7px;background:#eef2f6;border-radius:4px;overflow:hidden;margin:2px 0 6px}
    .meter span{display:block;height:100%;background:#3f9142;border-radius:4px}
    .meter.low span{background:#e8590c}
    .formula{margin:8px 0 4px;padding:8px 12px;background:#f5f7fa;border-left:4px solid #b3121b;font-size:13.5px;color:#323f4b}
    .formula b{color:#b3121b;margin-right:8px}
    .block{margin-top:26px}
    h2{font-size:19px;margin:0 0 10px;padding-bottom:6px;border-bottom:2px solid #e4e7eb;color:#1f2933;font-weight:700}
    h2 .no{color:#b3121b;margin-right:4px}
    h2 .aside{float:right;font-size:13px;font-weight:400;color:#616e7c;margin-top:6px}
    h3{font-size:15px;margin:0 0 8px;color:#323f4b}
    figure{margin:0}
    svg{display:block;width:100%;height:auto;font-family:inherit;overflow:visible}
    .legendline{display:flex;flex-wrap:wrap;gap:4px 18px;font-size:12.5px;color:#52606d;margin:6px 0 0}
    .sw{display:inline-block;width:11px;height:11px;border-radius:2px;vertical-align:-1px;margin-right:5px}
    .grid2{display:grid;grid-template-columns:minmax(0,1.2fr) minmax(0,1fr);gap:22px}
    .card{border:1px solid #e4e7eb;border-radius:8px;padding:14px 16px}
    .donut{display:flex;flex-wrap:wrap;align-items:center;justify-content:center;gap:12px 16px}
    .donut svg{width:170px;flex:none}
    .legend{list-style:none;margin:0;padding:0;flex:1 1 230px;font-size:13.5px}
    .legend li{display:grid;grid-template-columns:12px minmax(0,1fr) auto 44px 62px;gap:7px;align-items:center;padding:5px 0;border-bottom:1px dashed #e4e7eb}
    .legend li:last-child{border-bottom:0}
    .legend li.none{display:block;color:#616e7c}
    .legend .n{font-weight:700;text-align:right;font-variant-numeric:tabular-nums}
    .legend .pct{color:#616e7c;font-size:12.5px;text-align:right;font-variant-numeric:tabular-nums}
    .legend .closed{color:#616e7c;font-size:12px;text-align:right;white-space:nowrap}
    table{width:100%;border-collapse:collapse;font-size:13px}
    th{background:#f0f3f7;color:#323f4b;font-weight:600;text-align:left;padding:7px 8px;border-bottom:2px solid #d9dee5;white-space:nowrap}
    td{padding:7px 8px;border-bottom:1px solid #e4e7eb;vertical-align:top}
    tbody tr:nth-child(even) td{background:#fafbfc}
    td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    td.id{white-space:nowrap;color:#52606d;font-variant-numeric:tabular-nums}
    td.nowrap{white-space:nowrap}
    .count{display:inline-block;min-width:26px;padding:0 7px;border-radius:11px;text-align:center;font-weight:700;color:#fff}
    .count.zero{background:#eef2f6;color:#9aa5b1}
    .red{background:#d64545}.yellow{background:#f0b429;color:#1f2933}.green{background:#3f9142}
    .chip{display:inline-block;margin:1px 4px 3px 0;padding:1px 8px;border-radius:4px;font-size:12px;white-space:nowrap;border:1px solid}
    .chip.red{background:#fdecec;color:#b42318;border-color:#f5b5b5}
    .chip.yellow{background:#fff7e0;color:#8a5a00;border-color:#f3d28a}
    .chip.green{background:#eaf6ec;color:#276a2c;border-color:#acd8b1}
    .lights{display:flex;gap:10px;margin:0 0 10px}
    .light{display:flex;align-items:center;gap:8px;padding:6px 14px;border-radius:8px;background:#f5f7fa;font-size:13px;color:#323f4b}
    .light .dot{width:12px;height:12px;border-radius:50%}
    .light b{font-size:18px}
    .empty{margin:8px 0;padding:12px 14px;border-radius:8px;background:#f5f7fa;color:#52606d}
    .empty.ok{background:#eaf6ec;color:#276a2c}
    .tiles{display:grid;grid-template-columns:repeat(6,1fr);gap:10px;margin:0 0 12px}
    .tile{background:#f5f7fa;border-radius:8px;padding:10px 12px}
    .tile b{display:block;font-size:22px;line-height:1.25;font-variant-numeric:tabular-nums;color:#1f2933}
    .tile span{font-size:12.5px;color:#616e7c}
    .note{font-size:12.5px;color:#616e7c;margin:6px 0 0}
    footer{margin-top:28px;padding-top:10px;border-top:1px solid #e4e7eb;font-size:12px;color:#7b8794;line-height:1.6}
    footer .by{color:#52606d}
    /* A phone (about 420 px): cards and tiles wrap two to a row, the two charts stack, names keep
       whole words, and what cannot shrink (wide tables, bar charts) scrolls inside its own box
       so the page itself never becomes wider than the screen. */
    @media screen and (max-width:640px){
      body{font-size:13.5px}
      .sheet{margin:0;padding:16px 12px 14px;box-shadow:none}
      .masthead h1{font-size:24px;letter-spacing:.04em}
      .meta{gap:2px 14px;font-size:12.5px}
      .kpis{grid-template-columns:repeat(2,minmax(0,1fr));gap:8px}
      .kpi.rate{grid-column:1 / -1}
      .kpi .value{font-size:26px}
      .kpi.rate .value{font-size:30px}
      .tiles{grid-template-columns:repeat(2,minmax(0,1fr));gap:8px}
      .tile b{font-size:18px}
      .grid2{grid-template-columns:minmax(0,1fr);gap:14px}
      .legend{flex-basis:100%}
      .legend li{grid-template-columns:12px auto auto 40px;justify-content:start}
      .legend li>span:first-of-type{white-space:nowrap}
      .legend .closed{grid-column:2 / -1;text-align:left}
      .lights{flex-wrap:wrap;gap:6px}
      figure:not(.card){overflow-x:auto}
      figure:not(.card)>svg{min-width:680px}
      table{display:block;overflow-x:auto}
      td{min-width:3em}
      td:not(.n):not(.id):not(.nowrap){min-width:8em}
      h2{display:flex;flex-wrap:wrap;align-items:baseline}
      h2 .aside{float:none;order:2;flex-basis:100%;margin-top:2px}
    }
    @page{size:A4;margin:12mm}
    @media print{
      body{background:#fff;font-size:12.5px}
      .sheet{width:auto;margin:0;padding:0;box-shadow:none}
      .donut svg{width:150px}
      .kpis,.kpi,figure,.card,.tiles,.lights,tr,.formula,.legend li{break-inside:avoid;page-break-inside:avoid}
      h2,h3{break-after:avoid;page-break-after:avoid}
      thead{display:table-header-group}
    }
    """
}
