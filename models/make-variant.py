#!/usr/bin/python3
"""Rewrites the shipped YOLOX ONNX file (fixed 1x3x416x416) into a variant: a dynamic batch dimension and/or
another square input size (320, 640, ...). Needs Debian's python3-onnx (setup.sh installs it).

  models/make-variant.py yolox_nano.onnx yolox_nano_dynamic.onnx --dynamic-batch
  models/make-variant.py yolox_nano.onnx yolox_nano_320.onnx --size 320

The YOLOX head reshapes each stride's output with a constant [1, 85, -1]; the batch 1 there becomes 0 (copy the
input's batch), and the spatial -1 already follows the input size. The recorded intermediate shapes (value_info)
are dropped so that ONNX Runtime infers them for the new input. The result is checked with onnx's checker and
shape inference; `watchpost model fetch` then runs it once before it is used."""
import argparse
import sys

import onnx
from onnx import numpy_helper


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", help="the base .onnx file (fixed batch of 1)")
    parser.add_argument("target", help="the variant .onnx file to write")
    parser.add_argument("--dynamic-batch", action="store_true", help="make the batch dimension symbolic ('batch')")
    parser.add_argument("--size", type=int, default=0, help="square input size in pixels, a multiple of 32 (0 = keep)")
    args = parser.parse_args()
    if args.size and (args.size % 32 or not 160 <= args.size <= 1280):
        sys.exit(f"--size {args.size}: expected a multiple of 32 from 160 to 1280 (the head's largest stride is 32)")

    model = onnx.load(args.source)
    graph = model.graph
    if len(graph.input) != 1 or len(graph.output) != 1:
        sys.exit(f"{args.source}: expected one input and one output, found {len(graph.input)} and {len(graph.output)}")

    input_dims = graph.input[0].type.tensor_type.shape.dim
    output_dims = graph.output[0].type.tensor_type.shape.dim
    if [d.dim_value for d in input_dims][:2] != [1, 3]:
        sys.exit(f"{args.source}: input {[d.dim_value or d.dim_param for d in input_dims]}, expected [1, 3, H, W]")

    if args.dynamic_batch:
        input_dims[0].dim_param = "batch"
        output_dims[0].dim_param = "batch"

    if args.size:
        anchors = sum((args.size // s) ** 2 for s in (8, 16, 32))
        input_dims[2].dim_value = args.size
        input_dims[3].dim_value = args.size
        output_dims[1].dim_value = anchors

    constants = {n.output[0]: n for n in graph.node if n.op_type == "Constant"}
    initializers = {i.name: i for i in graph.initializer}
    fixed = 0
    for node in graph.node:
        if node.op_type == "Resize" and args.size:
            sizes = node.input[3] if len(node.input) > 3 else ""
            if sizes:
                sys.exit(f"{args.source}: Resize {node.name} has fixed output sizes; only scale-based upsampling follows a new input size")
        if node.op_type != "Reshape":
            continue
        name = node.input[1]
        if name in initializers:
            shape = numpy_helper.to_array(initializers[name]).copy()
            if shape[0] == 1:
                shape[0] = 0
                initializers[name].CopyFrom(numpy_helper.from_array(shape, name))
                fixed += 1
        elif name in constants:
            attribute = constants[name].attribute[0]
            shape = numpy_helper.to_array(attribute.t).copy()
            if shape[0] == 1:
                shape[0] = 0
                attribute.t.CopyFrom(numpy_helper.from_array(shape, attribute.t.name))
                fixed += 1

    if args.dynamic_batch and fixed == 0:
        sys.exit(f"{args.source}: no Reshape with a constant batch of 1 found; is this a YOLOX export?")

    del graph.value_info[:]
    onnx.checker.check_model(model)
    onnx.shape_inference.infer_shapes(model, strict_mode=True)
    onnx.save(model, args.target)
    shape = [d.dim_value or d.dim_param for d in input_dims]
    print(f"{args.target}: input {shape}, {fixed} head Reshape(s) now follow the batch")


if __name__ == "__main__":
    main()
