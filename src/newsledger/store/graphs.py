"""The actor network as a file for Gephi, yEd or networkx: GraphML or GEXF.

Nodes are the countries (and bodies) at either end of an edge, with how many events they
take part in on the edges given; edges are actor -> recipient pairs weighted by events,
with the mean score and the mentions behind them. Built with ElementTree, so every name
is escaped.
"""

from __future__ import annotations

from collections import Counter
from typing import Any
from xml.etree import ElementTree as ET

GRAPH_FORMATS = ("graphml", "gexf")
MEDIA_TYPES = {"graphml": "application/graphml+xml", "gexf": "application/gexf+xml"}
_EDGE_KEYS = (("weight", "events", "int"), ("mean_score", "mean_score", "double"), ("mentions", "mentions", "int"))


def node_events(edges: list[dict[str, Any]]) -> Counter:
    """Events on the edges given that each node is an end of (a self-loop counts once)."""
    counts: Counter = Counter()
    for e in edges:
        counts[e["source"]] += e["events"]
        if e["target"] != e["source"]:
            counts[e["target"]] += e["events"]
    return counts


def graphml(network: dict[str, Any]) -> bytes:
    ns = "http://graphml.graphdrawing.org/xmlns"
    root = ET.Element("graphml", xmlns=ns)
    ET.SubElement(root, "key", {"id": "events", "for": "node", "attr.name": "events", "attr.type": "int"})
    for key, _, kind in _EDGE_KEYS:
        ET.SubElement(root, "key", {"id": key, "for": "edge", "attr.name": key, "attr.type": kind})
    graph = ET.SubElement(root, "graph", id="newsledger", edgedefault="directed")
    for node, n in sorted(node_events(network["edges"]).items()):
        ET.SubElement(ET.SubElement(graph, "node", id=node), "data", key="events").text = str(n)
    for i, e in enumerate(network["edges"]):
        edge = ET.SubElement(graph, "edge", id=f"e{i}", source=e["source"], target=e["target"])
        for key, field, _ in _EDGE_KEYS:
            if e[field] is not None:  # a number field left out, never the text "None"
                ET.SubElement(edge, "data", key=key).text = str(e[field])
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def gexf(network: dict[str, Any]) -> bytes:
    root = ET.Element("gexf", xmlns="http://gexf.net/1.3", version="1.3")
    graph = ET.SubElement(root, "graph", defaultedgetype="directed", mode="static")
    attributes = ET.SubElement(graph, "attributes", {"class": "edge"})
    ET.SubElement(attributes, "attribute", id="0", title="mean_score", type="double")
    ET.SubElement(attributes, "attribute", id="1", title="mentions", type="integer")
    node_attributes = ET.SubElement(graph, "attributes", {"class": "node"})
    ET.SubElement(node_attributes, "attribute", id="0", title="events", type="integer")
    nodes = ET.SubElement(graph, "nodes")
    for node, n in sorted(node_events(network["edges"]).items()):
        item = ET.SubElement(nodes, "node", id=node, label=node)
        ET.SubElement(ET.SubElement(item, "attvalues"), "attvalue", {"for": "0", "value": str(n)})
    edges = ET.SubElement(graph, "edges")
    for i, e in enumerate(network["edges"]):
        item = ET.SubElement(edges, "edge", id=f"e{i}", source=e["source"], target=e["target"], weight=str(e["events"]))
        values = ET.SubElement(item, "attvalues")
        for i, field in enumerate(("mean_score", "mentions")):
            if e[field] is not None:
                ET.SubElement(values, "attvalue", {"for": str(i), "value": str(e[field])})
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def graph_file(network: dict[str, Any], fmt: str) -> bytes:
    return graphml(network) if fmt == "graphml" else gexf(network)


__all__ = ["GRAPH_FORMATS", "MEDIA_TYPES", "graph_file", "node_events"]
