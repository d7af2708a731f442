;; Batch-norm kernels in WebAssembly SIMD (f64x2): the loops of ../kernels/batchnorm.ts, two
;; features per instruction and without bounds checks, except that the statistics come from one
;; shifted pass (shiftedSums) rather than two. wasm-kernel-set.ts runs them on (N, D) operands
;; in the arena's memory, which the module imports. The per-feature work between the passes
;; (statistics, coefficients, checks) is here too, after the passes.
;;
;; Layout. Operands are row-major, each row `rowBytes` = 8·D long. The per-feature vectors
;; (mean, scale, sums, coefficients) are interleaved: features 2p and 2p + 1 own the 64 bytes at
;; `vec` + 64·p, four f64x2 fields at offsets 0, 16, 32 and 48, so one pointer (and the loads'
;; constant offsets) reaches all of them. Arguments are byte offsets into memory.
;;
;; Every pass walks a row in pairs of features (16 bytes; unaligned when D is odd, which
;; WebAssembly allows) and, when D is odd, finishes the row's last feature with scalar f64 code
;; on lane 0 of the last 64-byte group.
;;
;; Built by the repository's scripts/wat-module.mjs (`pnpm build:wasm` here) into batchnorm-kernels.wasm.ts; a test checks the two agree.
(module
  (import "env" "memory" (memory 1))

  ;; Per feature, with the shift K in field 0: field 1 += Σ (x − K) and field 2 += Σ (x − K)²
  ;; over `rows` rows of x: the shifted sums behind the mean and variance. Four rows per sweep,
  ;; so each accumulator is loaded and stored once per four rows.
  (func (export "shiftedSums") (param $x i32) (param $rows i32) (param $rowBytes i32) (param $vec i32)
    (local $pairBytes i32) (local $odd i32) (local $r i32) (local $end i32) (local $p i32) (local $stop i32) (local $v i32)
    (local $k v128) (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128)
    (local $kt f64) (local $t0 f64) (local $t1 f64) (local $t2 f64) (local $t3 f64)
    (local.set $pairBytes (i32.and (local.get $rowBytes) (i32.const -16)))
    (local.set $odd (i32.and (local.get $rowBytes) (i32.const 8)))
    (local.set $r (local.get $x))
    (local.set $end (i32.add (local.get $x) (i32.mul (local.get $rows) (local.get $rowBytes))))
    (block $done4 (loop $rows4
      (br_if $done4 (i32.gt_u (i32.add (local.get $r) (i32.shl (local.get $rowBytes) (i32.const 2))) (local.get $end)))
      (local.set $p (local.get $r))
      (local.set $stop (i32.add (local.get $r) (local.get $pairBytes)))
      (local.set $v (local.get $vec))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $stop)))
        (local.set $k (v128.load (local.get $v)))
        (local.set $c0 (f64x2.sub (v128.load (local.get $p)) (local.get $k)))
        (local.set $c1 (f64x2.sub (v128.load (i32.add (local.get $p) (local.get $rowBytes))) (local.get $k)))
        (local.set $c2 (f64x2.sub (v128.load (i32.add (local.get $p) (i32.shl (local.get $rowBytes) (i32.const 1)))) (local.get $k)))
        (local.set $c3 (f64x2.sub (v128.load (i32.add (local.get $p) (i32.mul (local.get $rowBytes) (i32.const 3)))) (local.get $k)))
        (v128.store offset=16 (local.get $v) (f64x2.add (v128.load offset=16 (local.get $v))
          (f64x2.add (f64x2.add (local.get $c0) (local.get $c1)) (f64x2.add (local.get $c2) (local.get $c3)))))
        (v128.store offset=32 (local.get $v) (f64x2.add (v128.load offset=32 (local.get $v))
          (f64x2.add
            (f64x2.add (f64x2.mul (local.get $c0) (local.get $c0)) (f64x2.mul (local.get $c1) (local.get $c1)))
            (f64x2.add (f64x2.mul (local.get $c2) (local.get $c2)) (f64x2.mul (local.get $c3) (local.get $c3))))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $v (i32.add (local.get $v) (i32.const 64)))
        (br $next)))
      (if (local.get $odd)
        (then
          (local.set $kt (f64.load (local.get $v)))
          (local.set $t0 (f64.sub (f64.load (local.get $p)) (local.get $kt)))
          (local.set $t1 (f64.sub (f64.load (i32.add (local.get $p) (local.get $rowBytes))) (local.get $kt)))
          (local.set $t2 (f64.sub (f64.load (i32.add (local.get $p) (i32.shl (local.get $rowBytes) (i32.const 1)))) (local.get $kt)))
          (local.set $t3 (f64.sub (f64.load (i32.add (local.get $p) (i32.mul (local.get $rowBytes) (i32.const 3)))) (local.get $kt)))
          (f64.store offset=16 (local.get $v) (f64.add (f64.load offset=16 (local.get $v))
            (f64.add (f64.add (local.get $t0) (local.get $t1)) (f64.add (local.get $t2) (local.get $t3)))))
          (f64.store offset=32 (local.get $v) (f64.add (f64.load offset=32 (local.get $v))
            (f64.add
              (f64.add (f64.mul (local.get $t0) (local.get $t0)) (f64.mul (local.get $t1) (local.get $t1)))
              (f64.add (f64.mul (local.get $t2) (local.get $t2)) (f64.mul (local.get $t3) (local.get $t3))))))))
      (local.set $r (i32.add (local.get $r) (i32.shl (local.get $rowBytes) (i32.const 2))))
      (br $rows4)))
    ;; The last rows mod 4, one at a time.
    (block $done1 (loop $rows1
      (br_if $done1 (i32.ge_u (local.get $r) (local.get $end)))
      (local.set $p (local.get $r))
      (local.set $stop (i32.add (local.get $r) (local.get $pairBytes)))
      (local.set $v (local.get $vec))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $stop)))
        (local.set $c0 (f64x2.sub (v128.load (local.get $p)) (v128.load (local.get $v))))
        (v128.store offset=16 (local.get $v) (f64x2.add (v128.load offset=16 (local.get $v)) (local.get $c0)))
        (v128.store offset=32 (local.get $v) (f64x2.add (v128.load offset=32 (local.get $v)) (f64x2.mul (local.get $c0) (local.get $c0))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $v (i32.add (local.get $v) (i32.const 64)))
        (br $next)))
      (if (local.get $odd)
        (then
          (local.set $t0 (f64.sub (f64.load (local.get $p)) (f64.load (local.get $v))))
          (f64.store offset=16 (local.get $v) (f64.add (f64.load offset=16 (local.get $v)) (local.get $t0)))
          (f64.store offset=32 (local.get $v) (f64.add (f64.load offset=32 (local.get $v)) (f64.mul (local.get $t0) (local.get $t0))))))
      (local.set $r (i32.add (local.get $r) (local.get $rowBytes)))
      (br $rows1))))

  ;; Byte offset from row i to row i + k of a four-row sweep, clamped to the last row: a sweep
  ;; past the end repeats the last row (the same values written again) instead of needing a
  ;; separate loop for the last rows mod 4.
  (func $rowOffset (param $k i32) (param $i i32) (param $rows i32) (param $rowBytes i32) (result i32)
    (local $left i32)
    (local.set $left (i32.sub (i32.sub (local.get $rows) (i32.const 1)) (local.get $i)))
    (i32.mul (local.get $rowBytes)
      (select (local.get $k) (local.get $left) (i32.ge_u (local.get $left) (local.get $k)))))

  ;; out = max(floor, (x − mean)·scale + beta) with mean, scale, beta in fields 0, 1, 2, and
  ;; the maximum as pmax (a NaN and −0 stay): floor −∞ for batch norm alone, 0 for batch norm
  ;; followed by a ReLU. Four rows per sweep (the per-feature fields are loaded once for four
  ;; rows). The output is not checked for NaN: a finite x gives a finite output short of
  ;; overflow, which the JavaScript kernels let through as well, and x is checked before (by its
  ;; sums; in test mode by shiftedSums).
  (func (export "normalize") (param $x i32) (param $out i32) (param $rows i32) (param $rowBytes i32) (param $vec i32) (param $floor f64)
    (local $pairBytes i32) (local $odd i32) (local $i i32) (local $o1 i32) (local $o2 i32) (local $o3 i32) (local $delta i32)
    (local $r i32) (local $p i32) (local $w i32) (local $stop i32) (local $v i32)
    (local $m v128) (local $s v128) (local $b v128) (local $mt f64) (local $st f64) (local $bt f64) (local $f v128)
    (local.set $f (f64x2.splat (local.get $floor)))
    (local.set $pairBytes (i32.and (local.get $rowBytes) (i32.const -16)))
    (local.set $odd (i32.and (local.get $rowBytes) (i32.const 8)))
    (local.set $delta (i32.sub (local.get $out) (local.get $x)))
    (local.set $r (local.get $x))
    (block $done4 (loop $rows4
      (br_if $done4 (i32.ge_u (local.get $i) (local.get $rows)))
      (local.set $o1 (call $rowOffset (i32.const 1) (local.get $i) (local.get $rows) (local.get $rowBytes)))
      (local.set $o2 (call $rowOffset (i32.const 2) (local.get $i) (local.get $rows) (local.get $rowBytes)))
      (local.set $o3 (call $rowOffset (i32.const 3) (local.get $i) (local.get $rows) (local.get $rowBytes)))
      (local.set $p (local.get $r))
      (local.set $stop (i32.add (local.get $r) (local.get $pairBytes)))
      (local.set $v (local.get $vec))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $stop)))
        (local.set $m (v128.load (local.get $v)))
        (local.set $s (v128.load offset=16 (local.get $v)))
        (local.set $b (v128.load offset=32 (local.get $v)))
        (local.set $w (i32.add (local.get $p) (local.get $delta)))
        (v128.store (local.get $w)
          (f64x2.pmax (f64x2.add (f64x2.mul (f64x2.sub (v128.load (local.get $p)) (local.get $m)) (local.get $s)) (local.get $b)) (local.get $f)))
        (v128.store (i32.add (local.get $w) (local.get $o1))
          (f64x2.pmax (f64x2.add (f64x2.mul (f64x2.sub (v128.load (i32.add (local.get $p) (local.get $o1))) (local.get $m)) (local.get $s)) (local.get $b)) (local.get $f)))
        (v128.store (i32.add (local.get $w) (local.get $o2))
          (f64x2.pmax (f64x2.add (f64x2.mul (f64x2.sub (v128.load (i32.add (local.get $p) (local.get $o2))) (local.get $m)) (local.get $s)) (local.get $b)) (local.get $f)))
        (v128.store (i32.add (local.get $w) (local.get $o3))
          (f64x2.pmax (f64x2.add (f64x2.mul (f64x2.sub (v128.load (i32.add (local.get $p) (local.get $o3))) (local.get $m)) (local.get $s)) (local.get $b)) (local.get $f)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $v (i32.add (local.get $v) (i32.const 64)))
        (br $next)))
      (if (local.get $odd)
        (then
          (local.set $mt (f64.load (local.get $v)))
          (local.set $st (f64.load offset=16 (local.get $v)))
          (local.set $bt (f64.load offset=32 (local.get $v)))
          (local.set $w (i32.add (local.get $p) (local.get $delta)))
          (f64.store (local.get $w)
            (call $floored (f64.add (f64.mul (f64.sub (f64.load (local.get $p)) (local.get $mt)) (local.get $st)) (local.get $bt)) (local.get $floor)))
          (f64.store (i32.add (local.get $w) (local.get $o1))
            (call $floored (f64.add (f64.mul (f64.sub (f64.load (i32.add (local.get $p) (local.get $o1))) (local.get $mt)) (local.get $st)) (local.get $bt)) (local.get $floor)))
          (f64.store (i32.add (local.get $w) (local.get $o2))
            (call $floored (f64.add (f64.mul (f64.sub (f64.load (i32.add (local.get $p) (local.get $o2))) (local.get $mt)) (local.get $st)) (local.get $bt)) (local.get $floor)))
          (f64.store (i32.add (local.get $w) (local.get $o3))
            (call $floored (f64.add (f64.mul (f64.sub (f64.load (i32.add (local.get $p) (local.get $o3))) (local.get $mt)) (local.get $st)) (local.get $bt)) (local.get $floor)))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (local.set $r (i32.add (local.get $r) (i32.shl (local.get $rowBytes) (i32.const 2))))
      (br $rows4))))

  ;; Per feature, with the mean in field 0: field 1 += Σ dout and field 2 += Σ dout·(x − mean)
  ;; over `rows` rows: dβ and dγ·σ of the closed-form backward. Four rows per sweep.
  (func (export "gradientSums") (param $g i32) (param $x i32) (param $rows i32) (param $rowBytes i32) (param $vec i32)
    (local $pairBytes i32) (local $odd i32) (local $delta i32) (local $r i32) (local $end i32)
    (local $p i32) (local $q i32) (local $stop i32) (local $v i32)
    (local $m v128) (local $g0 v128) (local $g1 v128) (local $g2 v128) (local $g3 v128)
    (local $mt f64) (local $h0 f64) (local $h1 f64) (local $h2 f64) (local $h3 f64)
    (local.set $pairBytes (i32.and (local.get $rowBytes) (i32.const -16)))
    (local.set $odd (i32.and (local.get $rowBytes) (i32.const 8)))
    (local.set $delta (i32.sub (local.get $x) (local.get $g)))
    (local.set $r (local.get $g))
    (local.set $end (i32.add (local.get $g) (i32.mul (local.get $rows) (local.get $rowBytes))))
    (block $done4 (loop $rows4
      (br_if $done4 (i32.gt_u (i32.add (local.get $r) (i32.shl (local.get $rowBytes) (i32.const 2))) (local.get $end)))
      (local.set $p (local.get $r))
      (local.set $stop (i32.add (local.get $r) (local.get $pairBytes)))
      (local.set $v (local.get $vec))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $stop)))
        (local.set $q (i32.add (local.get $p) (local.get $delta)))
        (local.set $m (v128.load (local.get $v)))
        (local.set $g0 (v128.load (local.get $p)))
        (local.set $g1 (v128.load (i32.add (local.get $p) (local.get $rowBytes))))
        (local.set $g2 (v128.load (i32.add (local.get $p) (i32.shl (local.get $rowBytes) (i32.const 1)))))
        (local.set $g3 (v128.load (i32.add (local.get $p) (i32.mul (local.get $rowBytes) (i32.const 3)))))
        (v128.store offset=16 (local.get $v) (f64x2.add (v128.load offset=16 (local.get $v))
          (f64x2.add (f64x2.add (local.get $g0) (local.get $g1)) (f64x2.add (local.get $g2) (local.get $g3)))))
        (v128.store offset=32 (local.get $v) (f64x2.add (v128.load offset=32 (local.get $v))
          (f64x2.add
            (f64x2.add
              (f64x2.mul (local.get $g0) (f64x2.sub (v128.load (local.get $q)) (local.get $m)))
              (f64x2.mul (local.get $g1) (f64x2.sub (v128.load (i32.add (local.get $q) (local.get $rowBytes))) (local.get $m))))
            (f64x2.add
              (f64x2.mul (local.get $g2) (f64x2.sub (v128.load (i32.add (local.get $q) (i32.shl (local.get $rowBytes) (i32.const 1)))) (local.get $m)))
              (f64x2.mul (local.get $g3) (f64x2.sub (v128.load (i32.add (local.get $q) (i32.mul (local.get $rowBytes) (i32.const 3)))) (local.get $m)))))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $v (i32.add (local.get $v) (i32.const 64)))
        (br $next)))
      (if (local.get $odd)
        (then
          (local.set $q (i32.add (local.get $p) (local.get $delta)))
          (local.set $mt (f64.load (local.get $v)))
          (local.set $h0 (f64.load (local.get $p)))
          (local.set $h1 (f64.load (i32.add (local.get $p) (local.get $rowBytes))))
          (local.set $h2 (f64.load (i32.add (local.get $p) (i32.shl (local.get $rowBytes) (i32.const 1)))))
          (local.set $h3 (f64.load (i32.add (local.get $p) (i32.mul (local.get $rowBytes) (i32.const 3)))))
          (f64.store offset=16 (local.get $v) (f64.add (f64.load offset=16 (local.get $v))
            (f64.add (f64.add (local.get $h0) (local.get $h1)) (f64.add (local.get $h2) (local.get $h3)))))
          (f64.store offset=32 (local.get $v) (f64.add (f64.load offset=32 (local.get $v))
            (f64.add
              (f64.add
                (f64.mul (local.get $h0) (f64.sub (f64.load (local.get $q)) (local.get $mt)))
                (f64.mul (local.get $h1) (f64.sub (f64.load (i32.add (local.get $q) (local.get $rowBytes))) (local.get $mt))))
              (f64.add
                (f64.mul (local.get $h2) (f64.sub (f64.load (i32.add (local.get $q) (i32.shl (local.get $rowBytes) (i32.const 1)))) (local.get $mt)))
                (f64.mul (local.get $h3) (f64.sub (f64.load (i32.add (local.get $q) (i32.mul (local.get $rowBytes) (i32.const 3)))) (local.get $mt)))))))))
      (local.set $r (i32.add (local.get $r) (i32.shl (local.get $rowBytes) (i32.const 2))))
      (br $rows4)))
    ;; The last rows mod 4, one at a time.
    (block $done1 (loop $rows1
      (br_if $done1 (i32.ge_u (local.get $r) (local.get $end)))
      (local.set $p (local.get $r))
      (local.set $stop (i32.add (local.get $r) (local.get $pairBytes)))
      (local.set $v (local.get $vec))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $stop)))
        (local.set $g0 (v128.load (local.get $p)))
        (v128.store offset=16 (local.get $v) (f64x2.add (v128.load offset=16 (local.get $v)) (local.get $g0)))
        (v128.store offset=32 (local.get $v) (f64x2.add (v128.load offset=32 (local.get $v))
          (f64x2.mul (local.get $g0) (f64x2.sub (v128.load (i32.add (local.get $p) (local.get $delta))) (v128.load (local.get $v))))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $v (i32.add (local.get $v) (i32.const 64)))
        (br $next)))
      (if (local.get $odd)
        (then
          (local.set $h0 (f64.load (local.get $p)))
          (f64.store offset=16 (local.get $v) (f64.add (f64.load offset=16 (local.get $v)) (local.get $h0)))
          (f64.store offset=32 (local.get $v) (f64.add (f64.load offset=32 (local.get $v))
            (f64.mul (local.get $h0) (f64.sub (f64.load (i32.add (local.get $p) (local.get $delta))) (f64.load (local.get $v))))))))
      (local.set $r (i32.add (local.get $r) (local.get $rowBytes)))
      (br $rows1))))

  ;; dx = a·dout + b + c·(x − mean) with mean, a, b, c in fields 0–3, two rows per sweep (four,
  ;; as in normalize, measured slower here); with an odd row count the last sweep does the last
  ;; row twice. dx may be dout itself: each sweep loads both rows before storing them.
  (func (export "gradientInput") (param $g i32) (param $x i32) (param $dx i32) (param $rows i32) (param $rowBytes i32) (param $vec i32)
    (local $pairBytes i32) (local $odd i32) (local $i i32) (local $second i32) (local $toX i32) (local $toDx i32)
    (local $r i32) (local $p i32) (local $q i32) (local $w i32) (local $stop i32) (local $v i32)
    (local $m v128) (local $av v128) (local $bv v128) (local $cv v128) (local $y0 v128) (local $y1 v128)
    (local $z0 f64) (local $z1 f64)
    (local.set $pairBytes (i32.and (local.get $rowBytes) (i32.const -16)))
    (local.set $odd (i32.and (local.get $rowBytes) (i32.const 8)))
    (local.set $toX (i32.sub (local.get $x) (local.get $g)))
    (local.set $toDx (i32.sub (local.get $dx) (local.get $g)))
    (local.set $r (local.get $g))
    (block $done2 (loop $rows2
      (br_if $done2 (i32.ge_u (local.get $i) (local.get $rows)))
      (local.set $second
        (select (local.get $rowBytes) (i32.const 0) (i32.lt_u (i32.add (local.get $i) (i32.const 1)) (local.get $rows))))
      (local.set $p (local.get $r))
      (local.set $stop (i32.add (local.get $r) (local.get $pairBytes)))
      (local.set $v (local.get $vec))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $stop)))
        (local.set $q (i32.add (local.get $p) (local.get $toX)))
        (local.set $m (v128.load (local.get $v)))
        (local.set $av (v128.load offset=16 (local.get $v)))
        (local.set $bv (v128.load offset=32 (local.get $v)))
        (local.set $cv (v128.load offset=48 (local.get $v)))
        (local.set $y0 (f64x2.add
          (f64x2.add (f64x2.mul (local.get $av) (v128.load (local.get $p))) (local.get $bv))
          (f64x2.mul (local.get $cv) (f64x2.sub (v128.load (local.get $q)) (local.get $m)))))
        (local.set $y1 (f64x2.add
          (f64x2.add (f64x2.mul (local.get $av) (v128.load (i32.add (local.get $p) (local.get $second)))) (local.get $bv))
          (f64x2.mul (local.get $cv) (f64x2.sub (v128.load (i32.add (local.get $q) (local.get $second))) (local.get $m)))))
        (local.set $w (i32.add (local.get $p) (local.get $toDx)))
        (v128.store (local.get $w) (local.get $y0))
        (v128.store (i32.add (local.get $w) (local.get $second)) (local.get $y1))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $v (i32.add (local.get $v) (i32.const 64)))
        (br $next)))
      (if (local.get $odd)
        (then
          (local.set $q (i32.add (local.get $p) (local.get $toX)))
          (local.set $z0 (f64.add
            (f64.add (f64.mul (f64.load offset=16 (local.get $v)) (f64.load (local.get $p))) (f64.load offset=32 (local.get $v)))
            (f64.mul (f64.load offset=48 (local.get $v)) (f64.sub (f64.load (local.get $q)) (f64.load (local.get $v))))))
          (local.set $z1 (f64.add
            (f64.add (f64.mul (f64.load offset=16 (local.get $v)) (f64.load (i32.add (local.get $p) (local.get $second))))
              (f64.load offset=32 (local.get $v)))
            (f64.mul (f64.load offset=48 (local.get $v))
              (f64.sub (f64.load (i32.add (local.get $q) (local.get $second))) (f64.load (local.get $v))))))
          (local.set $w (i32.add (local.get $p) (local.get $toDx)))
          (f64.store (local.get $w) (local.get $z0))
          (f64.store (i32.add (local.get $w) (local.get $second)) (local.get $z1))))
      (local.set $i (i32.add (local.get $i) (i32.const 2)))
      (local.set $r (i32.add (local.get $r) (i32.shl (local.get $rowBytes) (i32.const 1))))
      (br $rows2))))

  ;; Per-feature work between the passes, so that a batch-norm call is a few WebAssembly calls
  ;; and JavaScript only copies whole vectors in and out (one memcpy each). Two features per
  ;; instruction, like the passes: pair p's fields at `vec` + 64·p, and its two entries of the
  ;; contiguous "stage" vector k at `stage` + k·`stride` + 16·p. `stride` is 8·D rounded up to
  ;; 16 bytes, so for an odd D the last pair's second lane is padding (as in the fields): it is
  ;; computed with and never read back. Stage vectors: 0 mean, 1 invStd, 2 gamma, 3 variance,
  ;; 4 beta, 5 runningMean, 6 runningVar, 7 dbeta, 8 dgamma (batchnorm-wasm.ts names them).

  ;; After shiftedSums over the first `count` rows with a zero shift: the shift K = their mean
  ;; into field 0, fields 1 and 2 cleared for the pass over all rows.
  (func (export "shiftFromSums") (param $vec i32) (param $pairs i32) (param $count f64)
    (local $v i32) (local $end i32) (local $k v128)
    (local.set $k (f64x2.splat (local.get $count)))
    (local.set $v (local.get $vec))
    (local.set $end (i32.add (local.get $vec) (i32.shl (local.get $pairs) (i32.const 6))))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $v) (local.get $end)))
      (v128.store (local.get $v) (f64x2.div (v128.load offset=16 (local.get $v)) (local.get $k)))
      (v128.store offset=16 (local.get $v) (v128.const i64x2 0 0))
      (v128.store offset=32 (local.get $v) (v128.const i64x2 0 0))
      (local.set $v (i32.add (local.get $v) (i32.const 64)))
      (br $next))))

  ;; After shiftedSums over all N rows: mean = K + Σ(x − K)/N and the biased variance
  ;; max(0, Σ(x − K)²/N − (Σ(x − K)/N)²) into stage vectors 0 and 3 (the max: rounding can
  ;; leave a near-zero variance slightly negative). The subtraction's rounding error is about
  ;; ε·(σ² + 2·offset²), at most 3ε·σ² while the offset Σ(x − K)/N stays within one standard
  ;; deviation. Returns bit 0 when it does not for some feature: then field 0 := mean and fields
  ;; 1, 2 := 0, ready for a second pass shifted by the mean (the corrected two-pass variance).
  ;; Bit 1: some mean is NaN or infinite.
  (func (export "meanAndVariance") (param $vec i32) (param $pairs i32) (param $n f64) (param $stage i32) (param $stride i32) (result i32)
    (local $v i32) (local $s i32) (local $end i32) (local $s3 i32)
    (local $count v128) (local $offset v128) (local $mean v128) (local $variance v128) (local $far v128) (local $check v128)
    (local.set $s3 (i32.mul (local.get $stride) (i32.const 3)))
    (local.set $count (f64x2.splat (local.get $n)))
    (local.set $v (local.get $vec))
    (local.set $s (local.get $stage))
    (local.set $end (i32.add (local.get $vec) (i32.shl (local.get $pairs) (i32.const 6))))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $v) (local.get $end)))
      (local.set $offset (f64x2.div (v128.load offset=16 (local.get $v)) (local.get $count)))
      (local.set $mean (f64x2.add (v128.load (local.get $v)) (local.get $offset)))
      (local.set $variance (f64x2.max (v128.const i64x2 0 0)
        (f64x2.sub (f64x2.div (v128.load offset=32 (local.get $v)) (local.get $count)) (f64x2.mul (local.get $offset) (local.get $offset)))))
      (v128.store (local.get $s) (local.get $mean))
      (v128.store (i32.add (local.get $s) (local.get $s3)) (local.get $variance))
      (local.set $far (v128.or (local.get $far) (f64x2.gt (f64x2.mul (local.get $offset) (local.get $offset)) (local.get $variance))))
      ;; x − x is 0 for finite x, NaN for NaN and ±Infinity.
      (local.set $check (f64x2.add (local.get $check) (f64x2.sub (local.get $mean) (local.get $mean))))
      (local.set $v (i32.add (local.get $v) (i32.const 64)))
      (local.set $s (i32.add (local.get $s) (i32.const 16)))
      (br $next)))
    (if (v128.any_true (local.get $far))
      (then
        (local.set $v (local.get $vec))
        (local.set $s (local.get $stage))
        (block $done (loop $next
          (br_if $done (i32.ge_u (local.get $v) (local.get $end)))
          (v128.store (local.get $v) (v128.load (local.get $s)))
          (v128.store offset=16 (local.get $v) (v128.const i64x2 0 0))
          (v128.store offset=32 (local.get $v) (v128.const i64x2 0 0))
          (local.set $v (i32.add (local.get $v) (i32.const 64)))
          (local.set $s (i32.add (local.get $s) (i32.const 16)))
          (br $next)))))
    (i32.or (v128.any_true (local.get $far))
      (i32.shl (v128.any_true (f64x2.ne (local.get $check) (v128.const i64x2 0 0))) (i32.const 1))))

  ;; Train mode, after meanAndVariance: 1/σ = 1/√(var + eps) into stage 1; the running
  ;; statistics (stage 5, 6) := momentum·running + (1 − momentum)·batch, the variance times
  ;; `correction` (N/(N − 1) for an unbiased running variance, else 1); normalize's fields
  ;; mean, γ/σ, β. Returns 1 when some 1/σ (possibly a padding lane's) is not finite and > 0:
  ;; then the caller finds the feature, or carries on when it was padding.
  (func (export "trainCoefficients") (param $vec i32) (param $pairs i32) (param $stage i32) (param $stride i32)
    (param $eps f64) (param $momentum f64) (param $correction f64) (result i32)
    (local $v i32) (local $s i32) (local $end i32)
    (local $s2 i32) (local $s3 i32) (local $s4 i32) (local $s5 i32) (local $s6 i32)
    (local $epsv v128) (local $keep v128) (local $blend v128) (local $corr v128)
    (local $mean v128) (local $variance v128) (local $invStd v128) (local $fine v128)
    (local.set $epsv (f64x2.splat (local.get $eps)))
    (local.set $keep (f64x2.splat (local.get $momentum)))
    (local.set $blend (f64x2.splat (f64.sub (f64.const 1) (local.get $momentum))))
    (local.set $corr (f64x2.splat (local.get $correction)))
    (local.set $s2 (i32.shl (local.get $stride) (i32.const 1)))
    (local.set $s3 (i32.mul (local.get $stride) (i32.const 3)))
    (local.set $s4 (i32.shl (local.get $stride) (i32.const 2)))
    (local.set $s5 (i32.mul (local.get $stride) (i32.const 5)))
    (local.set $s6 (i32.mul (local.get $stride) (i32.const 6)))
    (local.set $fine (v128.const i64x2 -1 -1))
    (local.set $v (local.get $vec))
    (local.set $s (local.get $stage))
    (local.set $end (i32.add (local.get $vec) (i32.shl (local.get $pairs) (i32.const 6))))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $v) (local.get $end)))
      (local.set $mean (v128.load (local.get $s)))
      (local.set $variance (v128.load (i32.add (local.get $s) (local.get $s3))))
      (local.set $invStd (f64x2.div (f64x2.splat (f64.const 1)) (f64x2.sqrt (f64x2.add (local.get $variance) (local.get $epsv)))))
      (local.set $fine (v128.and (local.get $fine) (v128.and
        (f64x2.eq (f64x2.sub (local.get $invStd) (local.get $invStd)) (v128.const i64x2 0 0))
        (f64x2.gt (local.get $invStd) (v128.const i64x2 0 0)))))
      (v128.store (i32.add (local.get $s) (local.get $stride)) (local.get $invStd))
      (v128.store (i32.add (local.get $s) (local.get $s5)) (f64x2.add
        (f64x2.mul (local.get $keep) (v128.load (i32.add (local.get $s) (local.get $s5))))
        (f64x2.mul (local.get $blend) (local.get $mean))))
      (v128.store (i32.add (local.get $s) (local.get $s6)) (f64x2.add
        (f64x2.mul (local.get $keep) (v128.load (i32.add (local.get $s) (local.get $s6))))
        (f64x2.mul (local.get $blend) (f64x2.mul (local.get $variance) (local.get $corr)))))
      (v128.store (local.get $v) (local.get $mean))
      (v128.store offset=16 (local.get $v) (f64x2.mul (v128.load (i32.add (local.get $s) (local.get $s2))) (local.get $invStd)))
      (v128.store offset=32 (local.get $v) (v128.load (i32.add (local.get $s) (local.get $s4))))
      (local.set $v (i32.add (local.get $v) (i32.const 64)))
      (local.set $s (i32.add (local.get $s) (i32.const 16)))
      (br $next)))
    (i32.eqz (i64x2.all_true (local.get $fine))))

  ;; Backward: field 0 := mean (stage 0), fields 1 and 2 := 0, for gradientSums.
  (func (export "prepareGradientSums") (param $vec i32) (param $pairs i32) (param $stage i32)
    (local $v i32) (local $s i32) (local $end i32)
    (local.set $v (local.get $vec))
    (local.set $s (local.get $stage))
    (local.set $end (i32.add (local.get $vec) (i32.shl (local.get $pairs) (i32.const 6))))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $v) (local.get $end)))
      (v128.store (local.get $v) (v128.load (local.get $s)))
      (v128.store offset=16 (local.get $v) (v128.const i64x2 0 0))
      (v128.store offset=32 (local.get $v) (v128.const i64x2 0 0))
      (local.set $v (i32.add (local.get $v) (i32.const 64)))
      (local.set $s (i32.add (local.get $s) (i32.const 16)))
      (br $next))))

  ;; After gradientSums: dβ = Σdout (stage 7) and dγ = Σdout·(x − μ)·(1/σ) (stage 8), and dx's
  ;; coefficients into fields 1–3: a = γ/σ, b = −a·dβ/N, c = −a·dγ·(1/σ)/N, b = c = 0 when
  ;; `train` is 0 (test mode: the statistics are constants). Reads 1/σ (stage 1) and γ (stage 2).
  ;; Returns Σ(dβ − dβ): 0 when every dβ is finite, NaN otherwise.
  (func (export "gradientCoefficients") (param $vec i32) (param $pairs i32) (param $n f64) (param $train i32) (param $stage i32) (param $stride i32) (result f64)
    (local $v i32) (local $s i32) (local $end i32) (local $s2 i32) (local $s7 i32) (local $s8 i32)
    (local $count v128) (local $invStd v128) (local $dbeta v128) (local $dgamma v128) (local $a v128) (local $check v128)
    (local.set $count (f64x2.splat (local.get $n)))
    (local.set $s2 (i32.shl (local.get $stride) (i32.const 1)))
    (local.set $s7 (i32.mul (local.get $stride) (i32.const 7)))
    (local.set $s8 (i32.shl (local.get $stride) (i32.const 3)))
    (local.set $v (local.get $vec))
    (local.set $s (local.get $stage))
    (local.set $end (i32.add (local.get $vec) (i32.shl (local.get $pairs) (i32.const 6))))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $v) (local.get $end)))
      (local.set $invStd (v128.load (i32.add (local.get $s) (local.get $stride))))
      (local.set $dbeta (v128.load offset=16 (local.get $v)))
      (local.set $dgamma (f64x2.mul (v128.load offset=32 (local.get $v)) (local.get $invStd)))
      (local.set $a (f64x2.mul (v128.load (i32.add (local.get $s) (local.get $s2))) (local.get $invStd)))
      (v128.store (i32.add (local.get $s) (local.get $s7)) (local.get $dbeta))
      (v128.store (i32.add (local.get $s) (local.get $s8)) (local.get $dgamma))
      (v128.store offset=16 (local.get $v) (local.get $a))
      (v128.store offset=32 (local.get $v)
        (select (f64x2.div (f64x2.mul (f64x2.neg (local.get $a)) (local.get $dbeta)) (local.get $count))
          (v128.const i64x2 0 0) (local.get $train)))
      (v128.store offset=48 (local.get $v)
        (select (f64x2.div (f64x2.mul (f64x2.mul (f64x2.neg (local.get $a)) (local.get $dgamma)) (local.get $invStd)) (local.get $count))
          (v128.const i64x2 0 0) (local.get $train)))
      (local.set $check (f64x2.add (local.get $check) (f64x2.sub (local.get $dbeta) (local.get $dbeta))))
      (local.set $v (i32.add (local.get $v) (i32.const 64)))
      (local.set $s (i32.add (local.get $s) (i32.const 16)))
      (br $next)))
    (f64.add (f64x2.extract_lane 0 (local.get $check)) (f64x2.extract_lane 1 (local.get $check))))

  ;; v < floor ? floor : v, the scalar pmax (f64.max would turn −0 into +0).
  (func $floored (param $v f64) (param $floor f64) (result f64)
    (select (local.get $floor) (local.get $v) (f64.lt (local.get $v) (local.get $floor))))
)
