/**
 * ONNX export of trained policies: {@link org.npg4j.onnx.OnnxExport} turns a model file's actor network, with its
 * observation normalization, into an ONNX graph that any ONNX runtime runs (see {@code docs/onnx-export.md}). The
 * messages are generated at build time from {@code src/main/protobuf/org/npg4j/onnx/onnx.proto}, a subset of the
 * published {@code onnx/onnx.proto} with its field numbers.
 */
package org.npg4j.onnx;
