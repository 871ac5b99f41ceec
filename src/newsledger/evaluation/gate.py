"""Quality floors pinned in a baseline file: CI fails below them; floors only rise.

`--update` raises floors to the measured figures and refuses to lower one unless
`--allow-lower` is given, so a drop in quality is always a visible, deliberate change. A
gate keeps the figures it pins (the development gates pin F1, the test-split gates also
precision and recall); a new gate pins every figure measured.
"""

from __future__ import annotations

import json
from pathlib import Path


class GateError(ValueError):
    pass


def measured(report: dict) -> dict[str, float]:
    figures = {}
    for level, m in report["levels"].items():
        figures.update({f"{level}_{name}": m[name] for name in ("f1", "precision", "recall") if name in m})
    for level, m in report.get("force", {}).items():
        figures.update({f"force_{level}_precision": m["precision"], f"force_{level}_recall": m["recall"]})
    for key in ("modality_accuracy", "date_accuracy"):
        if key in report:
            figures[key] = report[key]["accuracy"]
    for key in ("speaker_accuracy", "speaker_country_accuracy", "direct_accuracy", "qualifier_accuracy"):
        if key in report:
            figures[key] = report[key]
    return figures


def check_or_update(path: Path, gate: str, report: dict, *, update: bool, allow_lower: bool) -> list[str]:
    baseline = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    floors: dict[str, float] = baseline.get(gate, {})
    now = measured(report)
    if update:
        lowered = [k for k, v in now.items() if k in floors and v < floors[k]]
        if lowered and not allow_lower:
            raise GateError(f"refusing to lower floors {', '.join(lowered)} of gate {gate!r}; pass --allow-lower and say why")
        # a gate keeps the figures it pins; a new gate pins every figure measured
        baseline[gate] = {k: v for k, v in now.items() if k in floors} if floors else now
        path.write_text(json.dumps(baseline, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        return []
    if not floors:
        raise GateError(f"no floors for gate {gate!r} in {path}")
    return [
        f"gate {gate}: {name} {now.get(name, 0.0):.4f} is below its floor {floor:.4f}"
        for name, floor in sorted(floors.items())
        if now.get(name, 0.0) < floor
    ]
