;; Batch-norm kernels in WebAssembly SIMD (f64x2): the loops of ../../batchnorm.ts, two features
;; per instruction and without bounds checks. batchnorm-wasm.ts streams the (N, D) operands
;; through this module's memory a block of rows at a time.
;;
;; Layout. A block of rows is row-major, each row `rowBytes` = 8·D long. The per-feature
;; vectors (mean, scale, sums, coefficients) are interleaved: features 2p and 2p + 1 own the 64
;; bytes at `vec` + 64·p, four f64x2 fields at offsets 0, 16, 32 and 48, so one pointer (and
;; the loads' constant offsets) reaches all of them. Arguments are byte offsets into memory.
;;
;; Every kernel walks a row in pairs of features (16 bytes; unaligned when D is odd, which
;; WebAssembly allows) and, when D is odd, finishes the row's last feature with scalar f64 code
;; on lane 0 of the last 64-byte group.
;;
;; Built by the repository's scripts/wat-module.mjs (`pnpm build:wasm` here) into batchnorm-kernels.wasm.ts; a test checks the two agree.
(module
  (memory (export "memory") 1)

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

  ;; out = (x − mean)·scale + beta with mean, scale, beta in fields 0, 1, 2. Two rows per sweep
  ;; (the per-feature fields are loaded once for both); with an odd row count the last sweep
  ;; does the last row twice, loading before storing. Returns Σ (out − out): 0 when every
  ;; output is finite, NaN otherwise.
  (func (export "normalize") (param $x i32) (param $out i32) (param $rows i32) (param $rowBytes i32) (param $vec i32) (result f64)
    (local $pairBytes i32) (local $odd i32) (local $i i32) (local $second i32) (local $delta i32)
    (local $r i32) (local $p i32) (local $stop i32) (local $v i32)
    (local $m v128) (local $s v128) (local $b v128) (local $y0 v128) (local $y1 v128) (local $check v128)
    (local $z0 f64) (local $z1 f64) (local $checkt f64)
    (local.set $pairBytes (i32.and (local.get $rowBytes) (i32.const -16)))
    (local.set $odd (i32.and (local.get $rowBytes) (i32.const 8)))
    (local.set $delta (i32.sub (local.get $out) (local.get $x)))
    (local.set $r (local.get $x))
    (block $done2 (loop $rows2
      (br_if $done2 (i32.ge_u (local.get $i) (local.get $rows)))
      ;; Byte distance to the sweep's second row: 0 (the same row) for the last row of an odd count.
      (local.set $second
        (select (local.get $rowBytes) (i32.const 0) (i32.lt_u (i32.add (local.get $i) (i32.const 1)) (local.get $rows))))
      (local.set $p (local.get $r))
      (local.set $stop (i32.add (local.get $r) (local.get $pairBytes)))
      (local.set $v (local.get $vec))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $stop)))
        (local.set $m (v128.load (local.get $v)))
        (local.set $s (v128.load offset=16 (local.get $v)))
        (local.set $b (v128.load offset=32 (local.get $v)))
        (local.set $y0 (f64x2.add (f64x2.mul (f64x2.sub (v128.load (local.get $p)) (local.get $m)) (local.get $s)) (local.get $b)))
        (local.set $y1 (f64x2.add (f64x2.mul (f64x2.sub
          (v128.load (i32.add (local.get $p) (local.get $second))) (local.get $m)) (local.get $s)) (local.get $b)))
        (v128.store (i32.add (local.get $p) (local.get $delta)) (local.get $y0))
        (v128.store (i32.add (i32.add (local.get $p) (local.get $delta)) (local.get $second)) (local.get $y1))
        (local.set $check (f64x2.add (local.get $check)
          (f64x2.add (f64x2.sub (local.get $y0) (local.get $y0)) (f64x2.sub (local.get $y1) (local.get $y1)))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $v (i32.add (local.get $v) (i32.const 64)))
        (br $next)))
      (if (local.get $odd)
        (then
          (local.set $z0 (f64.add (f64.mul (f64.sub (f64.load (local.get $p)) (f64.load (local.get $v)))
            (f64.load offset=16 (local.get $v))) (f64.load offset=32 (local.get $v))))
          (local.set $z1 (f64.add (f64.mul (f64.sub (f64.load (i32.add (local.get $p) (local.get $second))) (f64.load (local.get $v)))
            (f64.load offset=16 (local.get $v))) (f64.load offset=32 (local.get $v))))
          (f64.store (i32.add (local.get $p) (local.get $delta)) (local.get $z0))
          (f64.store (i32.add (i32.add (local.get $p) (local.get $delta)) (local.get $second)) (local.get $z1))
          (local.set $checkt (f64.add (local.get $checkt)
            (f64.add (f64.sub (local.get $z0) (local.get $z0)) (f64.sub (local.get $z1) (local.get $z1)))))))
      (local.set $i (i32.add (local.get $i) (i32.const 2)))
      (local.set $r (i32.add (local.get $r) (i32.shl (local.get $rowBytes) (i32.const 1))))
      (br $rows2)))
    (f64.add (local.get $checkt)
      (f64.add (f64x2.extract_lane 0 (local.get $check)) (f64x2.extract_lane 1 (local.get $check)))))

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

  ;; dx = a·dout + b + c·(x − mean) with mean, a, b, c in fields 0–3, two rows per sweep like
  ;; normalize. dx may be dout itself: each sweep loads both rows before storing them.
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
      (br $rows2)))))
