//! Charts for printed pages as inline SVG: a bar chart and a line chart,
//! with axes, values and a legend in words. Lines differ by dash and
//! marker as well as by grey, so that they read on a black-and-white
//! printer. (plotters' SVG backend would do this too, but the binary must
//! stay under 6 MB on old PCs and there were not 400 KB to spare.)

use super::board::escape;
use std::fmt::Write as _;

const W: f64 = 640.0;
const H: f64 = 220.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 28.0;
const BOTTOM: f64 = 28.0;

/// One series of a line chart: its name and a value per label.
pub struct Series<'a> {
    pub name: &'a str,
    pub values: Vec<f64>,
}

/// How each series is drawn: grey, dash pattern, marker shape.
const STYLES: [(&str, &str, &str); 3] = [("#000", "", "square"), ("#555", "6 3", "circle"), ("#888", "2 3", "triangle")];

fn open(out: &mut String, title: &str) {
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {H}\" width=\"100%\" role=\"img\" aria-label=\"{t}\" font-family=\"sans-serif\" font-size=\"11\">\n<title>{t}</title>",
        t = escape(title)
    );
}

/// The y axis from 0 to `top` with three ticks, and the x labels.
fn axes(out: &mut String, top: f64, unit: &str, labels: &[String]) {
    let (x0, x1, y0, y1) = (LEFT, W - RIGHT, H - BOTTOM, TOP);
    let _ = writeln!(
        out,
        "<g stroke=\"#000\" stroke-width=\"1\"><line x1=\"{x0}\" y1=\"{y0}\" x2=\"{x1}\" y2=\"{y0}\"/><line x1=\"{x0}\" y1=\"{y0}\" x2=\"{x0}\" y2=\"{y1}\"/></g>"
    );
    for i in 0..=2 {
        let v = top * f64::from(i) / 2.0;
        let y = y0 - (y0 - y1) * f64::from(i) / 2.0;
        let _ = writeln!(
            out,
            "<line x1=\"{x0}\" y1=\"{y:.1}\" x2=\"{x1}\" y2=\"{y:.1}\" stroke=\"#ccc\" stroke-width=\"0.5\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}{unit}</text>",
            x0 - 4.0,
            y + 4.0,
            number(v)
        );
    }
    let step = (x1 - x0) / labels.len().max(1) as f64;
    for (i, l) in labels.iter().enumerate() {
        let x = x0 + step * (i as f64 + 0.5);
        let _ = writeln!(out, "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>", y0 + 16.0, escape(l));
    }
}

pub use crate::present::nice;

fn number(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 { format!("{v:.0}") } else { format!("{v:.1}") }
}

fn y_of(v: f64, top: f64) -> f64 {
    let (y0, y1) = (H - BOTTOM, TOP);
    y0 - (y0 - y1) * (v / top.max(1e-9)).clamp(0.0, 1.0)
}

/// Bars, one per label, each with its value written over it (None: nothing owed).
pub fn bars(title: &str, labels: &[String], values: &[Option<f64>], top: f64, unit: &str) -> String {
    let mut out = String::new();
    open(&mut out, title);
    let _ = writeln!(out, "<text x=\"{LEFT}\" y=\"16\" font-size=\"12\" font-weight=\"bold\">{}</text>", escape(title));
    axes(&mut out, top, unit, labels);
    let step = (W - RIGHT - LEFT) / labels.len().max(1) as f64;
    for (i, v) in values.iter().enumerate() {
        let x = LEFT + step * i as f64 + step * 0.2;
        match v {
            Some(v) => {
                let y = y_of(*v, top);
                let _ = writeln!(
                    out,
                    "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#777\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                    step * 0.6,
                    (H - BOTTOM - y).max(0.0),
                    x + step * 0.3,
                    y - 3.0,
                    number(*v)
                );
            }
            None => {
                let _ = writeln!(out, "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">-</text>", x + step * 0.3, H - BOTTOM - 3.0);
            }
        }
    }
    out.push_str("</svg>\n");
    out
}

fn marker(out: &mut String, shape: &str, x: f64, y: f64, colour: &str) {
    let _ = match shape {
        "square" => writeln!(out, "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"6\" height=\"6\" fill=\"{colour}\"/>", x - 3.0, y - 3.0),
        "circle" => writeln!(out, "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3.2\" fill=\"#fff\" stroke=\"{colour}\" stroke-width=\"1.5\"/>"),
        _ => writeln!(
            out,
            "<path d=\"M{x:.1} {:.1} L{:.1} {:.1} L{:.1} {:.1} Z\" fill=\"{colour}\"/>",
            y - 4.0,
            x + 4.0,
            y + 3.0,
            x - 4.0,
            y + 3.0
        ),
    };
}

/// Lines, one per series (at most three), with a legend naming each.
pub fn lines(title: &str, labels: &[String], series: &[Series<'_>], top: f64, unit: &str) -> String {
    let mut out = String::new();
    open(&mut out, title);
    let _ = writeln!(out, "<text x=\"{LEFT}\" y=\"16\" font-size=\"12\" font-weight=\"bold\">{}</text>", escape(title));
    axes(&mut out, top, unit, labels);
    let step = (W - RIGHT - LEFT) / labels.len().max(1) as f64;
    let mut legend_x = W - RIGHT - 150.0 * series.len() as f64;
    for (s, (colour, dash, shape)) in series.iter().zip(STYLES) {
        let points: Vec<(f64, f64)> = s.values.iter().enumerate().map(|(i, v)| (LEFT + step * (i as f64 + 0.5), y_of(*v, top))).collect();
        let path: Vec<String> = points.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
        let _ = writeln!(
            out,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.6\" stroke-dasharray=\"{dash}\"/>",
            path.join(" ")
        );
        for (x, y) in &points {
            marker(&mut out, shape, *x, *y, colour);
        }
        let _ = writeln!(
            out,
            "<line x1=\"{legend_x:.1}\" y1=\"12\" x2=\"{:.1}\" y2=\"12\" stroke=\"{colour}\" stroke-width=\"1.6\" stroke-dasharray=\"{dash}\"/>",
            legend_x + 22.0
        );
        marker(&mut out, shape, legend_x + 11.0, 12.0, colour);
        let _ = writeln!(out, "<text x=\"{:.1}\" y=\"16\">{}</text>", legend_x + 26.0, escape(s.name));
        legend_x += 150.0;
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_write_each_value_and_label_escaped() {
        let svg = bars("完成率 <月>", &["11".into(), "12".into()], &[Some(92.5), None], 100.0, "%");
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("完成率 &lt;月&gt;"));
        assert!(svg.contains(">92.5</text>"));
        assert_eq!(svg.matches("<rect").count(), 1, "no bar where nothing was owed");
        assert!(svg.trim_end().ends_with("</svg>"));
    }

    #[test]
    fn an_axis_top_is_round() {
        assert_eq!(nice(1223.0), 2000.0);
        assert_eq!(nice(611.0), 1000.0);
        assert_eq!(nice(47.0), 50.0);
        assert_eq!(nice(0.0), 1.0);
        assert_eq!(nice(100.0), 100.0);
    }

    #[test]
    fn lines_differ_by_dash_and_marker_and_are_named() {
        let s = [Series { name: "一般户", values: vec![80.0, 81.0] }, Series { name: "提升户", values: vec![15.0, 14.0] }];
        let svg = lines("类别", &["11".into(), "12".into()], &s, 100.0, "%");
        assert_eq!(svg.matches("<polyline").count(), 2);
        assert!(svg.contains("stroke-dasharray=\"6 3\""));
        assert!(svg.contains(">一般户</text>") && svg.contains(">提升户</text>"));
    }
}
