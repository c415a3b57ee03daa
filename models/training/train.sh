#!/usr/bin/env bash
# Trains the next clothing model in one seeded, reproducible command (58 minutes measured on 2 cores shared
# with other builds; one fine-tuning epoch alone takes about 5):
#   1. extract   (C#)     split train 80/20, run the frozen int8 trunk over augmented views through the serving
#                         preprocessor, write its feature maps
#   2. finetune  (Python) fine-tune MobileNetV2's last blocks and a new head in float (PyTorch, Debian packages),
#                         fit the temperature and the review threshold on the held-out 20 %, export model.onnx
#   3. finalize  (C#)     score the test split once through the serving path, write the model card and parity
#                         fixture, register the version
# Usage: models/training/train.sh [--model-version V] [--promote] [--epochs N] [--views N]
set -euo pipefail
cd "$(dirname "$0")/../.."
version=clothing-mobilenetv2-v2; promote=""; epochs=6; views=5
while [ $# -gt 0 ]; do
  case "$1" in
    --model-version) version=$2; shift 2 ;;
    --promote) promote="--promote"; shift ;;
    --epochs) epochs=$2; shift 2 ;;
    --views) views=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
done
if ! /usr/bin/python3 -c "import torch, torchvision, onnx" 2>/dev/null; then
  echo "== installing python3-torch, python3-torchvision, python3-onnx (Debian packages)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-torch python3-torchvision python3-onnx >/dev/null
fi
work=.training-cache/$version
started=$(date +%s)
dotnet build models/training -c Release -v quiet -clp:ErrorsOnly --nologo
dotnet run -c Release --no-build --project models/training -- extract --work "$work" --views "$views"
/usr/bin/python3 models/training/finetune/finetune.py --work "$work" --epochs "$epochs" \
  --backbone models/backbones/mobilenetv2-12-int8/mobilenetv2-12-int8.onnx
dotnet run -c Release --no-build --project models/training -- finalize --work "$work" --model-version "$version" \
  --seconds $(( $(date +%s) - started )) --command "models/training/train.sh $*" $promote
