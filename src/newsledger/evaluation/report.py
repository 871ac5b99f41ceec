"""The evaluation report as people read it: levels, types, curve and calibration."""

from __future__ import annotations


def _row(name: str, m: dict) -> str:
    return f"{name:<24}{m['precision']:>10.3f}{m['recall']:>8.3f}{m['f1']:>8.3f}{m['tp']:>6}{m['predicted']:>6}{m['gold']:>6}"


def format_table(report: dict) -> str:
    lines = []
    if "threshold" in report:
        lines.append(f"events emitted at confidence >= {report['threshold']:.2f}")
    lines.append(f"{'level':<24}{'precision':>10}{'recall':>8}{'f1':>8}{'tp':>6}{'pred':>6}{'gold':>6}")
    lines += [_row(name, m) for name, m in report["levels"].items()]
    lines += [_row(f"  {name}", m) for name, m in sorted(report["per_type"].items())]
    for level, m in report.get("force", {}).items():
        lines.append(_row(f"force ({level})"[:24], m))
    if "modality_accuracy" in report:
        m = report["modality_accuracy"]
        lines.append(f"modality accuracy on {m['matched']} matched events: {m['accuracy']:.3f}")
    if "date_accuracy" in report:
        m = report["date_accuracy"]
        lines.append(f"date accuracy on {m['matched']} matched events the gold dates: {m['accuracy']:.3f}")
    if report.get("actors", {}).get("matched"):
        a = report["actors"]
        lines.append(
            f"on {a['matched']} events of the right type: actor countries right {a['actor_country']:.3f}, "
            f"recipient countries right {a['recipient_country']:.3f}; no actor in {a['no_actor']:.3f} of {a['emitted']} emitted"
        )
        lines.append("  entity country on the gold's side, by how it was resolved: " + ", ".join(
            f"{how} {m['right']:.2f} ({m['entities']})" for how, m in a["by_resolution"].items()
        ))
    for key in ("speaker_accuracy", "speaker_country_accuracy", "direct_accuracy", "qualifier_accuracy"):
        if key in report:
            lines.append(f"{key.replace('_', ' ')} on matched records: {report[key]:.3f}")
    if report.get("curve"):
        lines.append("")
        lines.append("precision/recall curve (type+actor+recipient) by minimum confidence")
        lines.append(f"{'min':>6}{'precision':>10}{'recall':>8}{'f1':>8}{'emitted':>9}")
        lines += [f"{r['threshold']:>6.2f}{r['precision']:>10.3f}{r['recall']:>8.3f}{r['f1']:>8.3f}{r['predicted']:>9}" for r in report["curve"]]
    for error in report.get("errors", []):
        lines.append("")
        lines.append(f"{error['doc_id']}: {error['sentence']}")
        lines += [f"  missed {m}" for m in error["missed"]] + [f"  wrong  {w}" for w in error["wrong"]]
    if report.get("calibration"):
        lines.append("")
        lines.append("calibration: candidates by confidence, and the share of them that is right")
        lines.append(f"{'confidence':>10}{'candidates':>12}{'mean':>8}{'right':>8}")
        for r in report["calibration"]:
            mean = f"{r['mean_confidence']:.3f}" if r["mean_confidence"] is not None else "-"
            right = f"{r['correct']:.3f}" if r["correct"] is not None else "-"
            lines.append(f"{r['bin']:>10}{r['candidates']:>12}{mean:>8}{right:>8}")
    return "\n".join(lines)
