#!/usr/bin/env bash
# Trains the next clothing model in one seeded, reproducible command (TRAINING_MINUTES minutes measured on 2 cores):
#   1. extract   (C#)     settle the version and its parent, add the corrections to the train photos, write the serving
#                         preprocessor's input tensors of every train photo (the whole photo, its mirror image, random crops)
#   2. finetune  (Python) fine-tune the whole MobileNetV2 in float (PyTorch, Debian packages), starting from the model zoo's
#                         dequantised int8 weights: k models on k-1 folds give every train photo an out-of-fold prediction,
#                         on which the temperature and the review threshold are fitted; the final model learns from every
#                         photo and is exported as a float ONNX graph (the same probabilities on every x86-64 processor)
#   3. finalize  (C#)     score the test split once through the serving path, write the model card (with its lineage)
#                         and parity fixture, register the version as a candidate
# Usage: models/training/train.sh [--corrections DIR] [--dataset DIR] [--models DIR] [--parent VERSION]
#                                 [--model-version V] [--work DIR] [--epochs N] [--views N] [--folds K]
#   --model-version  default: the next free clothing-mobilenetv2-vN in the models folder; an existing one is refused
#   --parent         default: the production version in the models folder's registry
#   --work           a rerun with the same folder resumes: finished folds and the final model are kept
set -euo pipefail
command="models/training/train.sh $*"
absolute() { case "$1" in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; } # folders are given from where the caller stands
epochs=5; views=6; folds=5; work=""; folders=(); choices=()
while [ $# -gt 0 ]; do
  case "$1" in
    --dataset|--models) folders+=("$1" "$(absolute "$2")"); shift 2 ;;
    --corrections) choices+=("$1" "$(absolute "$2")"); shift 2 ;;
    --parent|--model-version) choices+=("$1" "$2"); shift 2 ;;
    --work) work=$(absolute "$2"); shift 2 ;;
    --epochs) epochs=$2; shift 2 ;;
    --views) views=$2; shift 2 ;;
    --folds) folds=$2; shift 2 ;;
    --promote) echo "--promote is gone: training registers a candidate; promote it with 'returns model promote VERSION'" >&2; exit 64 ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
done
cd "$(dirname "$0")/../.."
if ! /usr/bin/python3 -c "import torch, torchvision, onnx" 2>/dev/null; then
  echo "== installing python3-torch, python3-torchvision, python3-onnx (Debian packages)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-torch python3-torchvision python3-onnx >/dev/null
fi
work=${work:-.training-cache/run-$(date +%Y%m%d-%H%M%S)}
started=$(date +%s)
training() { dotnet run -c Release --no-build --project models/training -- "$@"; }
dotnet build models/training -c Release -v quiet -clp:ErrorsOnly --nologo
training extract --work "$work" --views "$views" "${folders[@]}" "${choices[@]}"
/usr/bin/python3 models/training/finetune/finetune.py --work "$work" --epochs "$epochs" --folds "$folds" \
  --backbone models/backbones/mobilenetv2-12-int8/mobilenetv2-12-int8.onnx
training finalize --work "$work" --seconds $(( $(date +%s) - started )) --command "$command" "${folders[@]}"
