#!/usr/bin/env bash
# Is the project's Hessian right on ReLU networks? For the last snapshot (and optionally another
# step) of the Fashion MLP and LeNet sample runs, on their 200 train probe samples:
#  - Java: RunSharpness's top Gauss-Newton eigenvalue, the finite-difference H v of one seeded
#    vector at several steps (HessianCheck), and `predspace spectrum --kind hessian --k 10` at
#    several --fd-step values;
#  - PyTorch (bench/torch_hessian_check.py, float64, double backprop): the exact top 10 of the
#    Hessian and of its Gauss-Newton part, the products' errors, and the central-difference
#    prototype with the activation pattern live (as the engine) and frozen (the proposed fix).
# Everything goes to target/hessian-check/ (one .txt per stage). Figures: bench/README.md "Hessian check".
# Usage: bench/hessian-check.sh [STEP|last]   (default last; the MLP run also has step 0)
set -euo pipefail
cd "$(dirname "$0")/.."
step=${1:-last}
out=target/hessian-check
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="target/classes:target/test-classes:$(cat target/bench.classpath)"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
mkdir -p "$out"
echo "load before: $(uptime | sed 's/.*load average/load average/')"
for arch in mlp lenet; do
  run=sample-runs/fashion-$arch-adam-lr0.002-b32-s0
  dir=$out/$arch-$step
  [ "$step" = last ] || [ -f "$run/params/step_$step.npy" ] || { echo "$arch: no snapshot at step $step, skipped"; continue; }
  java -cp "$cp" org.predspace.bench.HessianCheck samples "$run" 200 "$dir"
  java -cp "$cp" org.predspace.bench.HessianCheck sharpness "$run" "$step" 200 | tee "$dir/java.txt"
  java -cp "$cp" org.predspace.bench.HessianCheck products "$run" "$step" 200 "$dir" 1e-3 1e-4 1e-5 1e-6 1e-7 | tee -a "$dir/java.txt"
  for h in 1e-6 1e-5 1e-4 1e-3; do
    java -cp "$cp" org.predspace.Main spectrum "$run" --step "$step" --kind hessian --k 10 --fd-step "$h" \
      --out "$dir/spectrum_$h.csv" | grep -v '%' | sed "s/^/spectrum --fd-step $h: /" | tee -a "$dir/java.txt"
    echo "spectrum --fd-step $h top10: $(tail -n +2 "$dir/spectrum_$h.csv" | tr '\n' ' ')" | tee -a "$dir/java.txt"
  done
  /usr/bin/python3 bench/torch_hessian_check.py "$run" "$dir" --step "$step" --fd-steps 1e-6 1e-5 1e-4 | tee "$dir/torch.txt"
done
echo "load after: $(uptime | sed 's/.*load average/load average/')"
