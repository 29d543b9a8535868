/*
 * The graph component's entry point, in place of streamlit-agraph 0.0.45's own (its main chunk, built from
 * src/StreamlitVisGraph.tsx). It mounts the same React wrapper of vis-network with the same arguments
 * (data and config as JSON) and reports a clicked node's id the same way, but:
 *  - a double-click does nothing: agraph's handler looked the node up to `window.open()` the HTML of its
 *    title, and threw "Cannot read properties of undefined" when the double-click hit empty canvas, an
 *    edge, or a node without a title (ours never carry one: ui/graph.py);
 *  - no node title is ever parsed as HTML (agraph built a <div> with `innerHTML = title` for every node);
 *  - once the first drawing has measured the labels, and whenever the frame changes size, the view is
 *    fitted to the nodes with their labels, so a label at the edge is not cut off.
 * It is a webpack chunk for agraph's runtime: the numbers are the modules of agraph's vendor chunk, as its
 * own entry point requires them (5 react, 25 react-dom, 13 streamlit-component-lib, 30 the vis wrapper).
 */
(this["webpackJsonpstreamlit-agraph"] = this["webpackJsonpstreamlit-agraph"] || []).push([
  [0],
  {
    43: function (module, exports, require) {
      "use strict";
      const React = require(5);
      const ReactDOM = require(25);
      const { Streamlit, StreamlitComponentBase, withStreamlitConnection } = require(13);
      const VisGraph = require(30).a;

      const events = {
        selectNode: (event) => Streamlit.setComponentValue(event.nodes[0]),
      };

      function fitToLabels(network) {
        const fit = () => network.fit({ animation: false });
        network.once("afterDrawing", fit);
        network.on("resize", fit);
      }

      class Graph extends StreamlitComponentBase {
        render() {
          return React.createElement(VisGraph, {
            graph: JSON.parse(this.props.args.data),
            options: JSON.parse(this.props.args.config),
            events: events,
            getNetwork: fitToLabels,
          });
        }
      }

      const Connected = withStreamlitConnection(Graph);
      ReactDOM.render(React.createElement(Connected), document.getElementById("root"));
    },
  },
  [[43, 1, 2]],
]);
