;; Matrix product kernels in WebAssembly SIMD (f64x2): the loops of ../kernels/gemm.ts with two
;; columns of C per instruction and without bounds checks: `packPanels` copies op(B) into panels,
;; `multiply` sweeps them over the rows of A. Arguments are byte offsets into the arena's memory,
;; which the module imports; k ≥ 1.
;;
;; Every C element is summed over p = 0 … k−1 in order, starting from 0, with separate f64x2.mul
;; and f64x2.add (no fused multiply-add): bit-identical to the naive triple loop.
;;
;; Built by the repository's scripts/wat-module.mjs (`pnpm build:wasm` here) into gemm-kernels.wasm.ts; a test checks the two agree.
(module
  (import "env" "memory" (memory 1))

  ;; Copies op(B), (k, m), into column panels of width 4 at `panels`: panel jp is k rows of four
  ;; f64 (32 bytes), columns 4·jp … 4·jp + 3, zero past column m − 1. Element (p, j) of op(B) is
  ;; at byte b + p·pStride + j·jStride, so one routine packs B and Bᵀ.
  ;; A whole panel of B (rows contiguous, jStride = 8) is two 16-byte copies per row; of Bᵀ
  ;; (pStride = 8), rows p and p + 1 of the panel are two values of each of its four columns,
  ;; regrouped by lane shuffles: eight values for four loads and four stores.
  (func (export "packPanels") (param $b i32) (param $k i32) (param $m i32) (param $pStride i32) (param $jStride i32) (param $panels i32)
    (local $j i32) (local $p i32) (local $c i32) (local $src i32) (local $dst i32) (local $end i32)
    (local $r0 v128) (local $r1 v128) (local $r2 v128) (local $r3 v128)
    (local.set $dst (local.get $panels))
    (block $done (loop $panel
      (br_if $done (i32.ge_u (local.get $j) (local.get $m)))
      (local.set $p (i32.const 0))
      (local.set $src (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $jStride))))
      (if (i32.le_u (i32.add (local.get $j) (i32.const 4)) (local.get $m))
        (then
          (if (i32.eq (local.get $jStride) (i32.const 8))
            (then
              (local.set $end (i32.add (local.get $dst) (i32.shl (local.get $k) (i32.const 5))))
              (loop $copy
                (v128.store (local.get $dst) (v128.load (local.get $src)))
                (v128.store offset=16 (local.get $dst) (v128.load offset=16 (local.get $src)))
                (local.set $src (i32.add (local.get $src) (local.get $pStride)))
                (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
                (br_if $copy (i32.lt_u (local.get $dst) (local.get $end))))
              (local.set $p (local.get $k))))
          (if (i32.eq (local.get $pStride) (i32.const 8))
            (then
              (block $pairsDone (loop $pairs
                (br_if $pairsDone (i32.gt_u (i32.add (local.get $p) (i32.const 2)) (local.get $k)))
                (local.set $r0 (v128.load (local.get $src)))
                (local.set $r1 (v128.load (i32.add (local.get $src) (local.get $jStride))))
                (local.set $r2 (v128.load (i32.add (local.get $src) (i32.shl (local.get $jStride) (i32.const 1)))))
                (local.set $r3 (v128.load (i32.add (local.get $src) (i32.mul (local.get $jStride) (i32.const 3)))))
                (v128.store (local.get $dst) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $r0) (local.get $r1)))
                (v128.store offset=16 (local.get $dst) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $r2) (local.get $r3)))
                (v128.store offset=32 (local.get $dst) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $r0) (local.get $r1)))
                (v128.store offset=48 (local.get $dst) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $r2) (local.get $r3)))
                (local.set $src (i32.add (local.get $src) (i32.const 16)))
                (local.set $dst (i32.add (local.get $dst) (i32.const 64)))
                (local.set $p (i32.add (local.get $p) (i32.const 2)))
                (br $pairs)))))))
      (block $rowsDone (loop $row
        (br_if $rowsDone (i32.ge_u (local.get $p) (local.get $k)))
          (local.set $src (i32.add (local.get $b)
            (i32.add (i32.mul (local.get $p) (local.get $pStride)) (i32.mul (local.get $j) (local.get $jStride)))))
          (if (i32.le_u (i32.add (local.get $j) (i32.const 4)) (local.get $m))
            (then
              (f64.store (local.get $dst) (f64.load (local.get $src)))
              (f64.store offset=8 (local.get $dst) (f64.load (i32.add (local.get $src) (local.get $jStride))))
              (f64.store offset=16 (local.get $dst) (f64.load (i32.add (local.get $src) (i32.shl (local.get $jStride) (i32.const 1)))))
              (f64.store offset=24 (local.get $dst) (f64.load (i32.add (local.get $src) (i32.mul (local.get $jStride) (i32.const 3))))))
            (else
              ;; The right edge: the columns left, then zeros.
              (v128.store (local.get $dst) (v128.const i64x2 0 0))
              (v128.store offset=16 (local.get $dst) (v128.const i64x2 0 0))
              (local.set $c (i32.sub (local.get $m) (local.get $j)))
              (f64.store (local.get $dst) (f64.load (local.get $src)))
              (if (i32.gt_u (local.get $c) (i32.const 1))
                (then (f64.store offset=8 (local.get $dst) (f64.load (i32.add (local.get $src) (local.get $jStride))))))
              (if (i32.gt_u (local.get $c) (i32.const 2))
                (then (f64.store offset=16 (local.get $dst) (f64.load (i32.add (local.get $src) (i32.shl (local.get $jStride) (i32.const 1)))))))))
          (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (br $row)))
      (local.set $j (i32.add (local.get $j) (i32.const 4)))
      (br $panel))))

  ;; Blocks of 4 rows × 3 columns, for a right-edge panel of 3 columns (as in m = 3): `blocks`
  ;; blocks from row pointer `ap` and C pointer `cp`. Columns 0 and 1 are one f64x2 per row as in
  ;; `multiply`; column 2 pairs rows, (i, i+1) and (i+2, i+3), so the padding column costs
  ;; nothing: 6 multiplies per step instead of 8.
  (func $threeColumns (param $ap i32) (param $panel i32) (param $panelEnd i32) (param $cp i32) (param $blocks i32)
    (param $cRow i32) (param $aRow i32) (param $aStep i32)
    (local $q i32) (local $a i32) (local $r1 i32) (local $r2 i32) (local $r3 i32)
    (local $b01 v128) (local $b2 v128) (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128) (local $d01 v128) (local $d23 v128)
    (local.set $r1 (local.get $aRow))
    (local.set $r2 (i32.shl (local.get $aRow) (i32.const 1)))
    (local.set $r3 (i32.mul (local.get $aRow) (i32.const 3)))
    (block $done (loop $block
      (br_if $done (i32.eqz (local.get $blocks)))
      (local.set $c0 (v128.const i64x2 0 0)) (local.set $c1 (v128.const i64x2 0 0))
      (local.set $c2 (v128.const i64x2 0 0)) (local.set $c3 (v128.const i64x2 0 0))
      (local.set $d01 (v128.const i64x2 0 0)) (local.set $d23 (v128.const i64x2 0 0))
      (local.set $q (local.get $panel))
      (local.set $a (local.get $ap))
      (loop $step
        (local.set $b01 (v128.load (local.get $q)))
        (local.set $b2 (v128.load64_splat offset=16 (local.get $q)))
        (local.set $x0 (v128.load64_splat (local.get $a)))
        (local.set $x1 (v128.load64_splat (i32.add (local.get $a) (local.get $r1))))
        (local.set $x2 (v128.load64_splat (i32.add (local.get $a) (local.get $r2))))
        (local.set $x3 (v128.load64_splat (i32.add (local.get $a) (local.get $r3))))
        (local.set $c0 (f64x2.add (local.get $c0) (f64x2.mul (local.get $x0) (local.get $b01))))
        (local.set $c1 (f64x2.add (local.get $c1) (f64x2.mul (local.get $x1) (local.get $b01))))
        (local.set $c2 (f64x2.add (local.get $c2) (f64x2.mul (local.get $x2) (local.get $b01))))
        (local.set $c3 (f64x2.add (local.get $c3) (f64x2.mul (local.get $x3) (local.get $b01))))
        ;; Lane 0 of x0 and lane 1 of x1 (both splats): a blend, (A[i, p], A[i+1, p]).
        (local.set $d01 (f64x2.add (local.get $d01) (f64x2.mul (local.get $b2)
          (i8x16.shuffle 0 1 2 3 4 5 6 7 24 25 26 27 28 29 30 31 (local.get $x0) (local.get $x1)))))
        (local.set $d23 (f64x2.add (local.get $d23) (f64x2.mul (local.get $b2)
          (i8x16.shuffle 0 1 2 3 4 5 6 7 24 25 26 27 28 29 30 31 (local.get $x2) (local.get $x3)))))
        (local.set $a (i32.add (local.get $a) (local.get $aStep)))
        (local.set $q (i32.add (local.get $q) (i32.const 32)))
        (br_if $step (i32.lt_u (local.get $q) (local.get $panelEnd))))
      (v128.store (local.get $cp) (local.get $c0))
      (v128.store64_lane offset=16 0 (local.get $cp) (local.get $d01))
      (local.set $cp (i32.add (local.get $cp) (local.get $cRow)))
      (v128.store (local.get $cp) (local.get $c1))
      (v128.store64_lane offset=16 1 (local.get $cp) (local.get $d01))
      (local.set $cp (i32.add (local.get $cp) (local.get $cRow)))
      (v128.store (local.get $cp) (local.get $c2))
      (v128.store64_lane offset=16 0 (local.get $cp) (local.get $d23))
      (local.set $cp (i32.add (local.get $cp) (local.get $cRow)))
      (v128.store (local.get $cp) (local.get $c3))
      (v128.store64_lane offset=16 1 (local.get $cp) (local.get $d23))
      (local.set $cp (i32.add (local.get $cp) (local.get $cRow)))
      (local.set $ap (i32.add (local.get $ap) (i32.shl (local.get $aRow) (i32.const 2))))
      (local.set $blocks (i32.sub (local.get $blocks) (i32.const 1)))
      (br $block))))

  ;; C (n, m), row-major at `c`, = op(A)·(packed op(B)). Row i of op(A) starts at byte
  ;; a + i·aRow and steps aStep bytes per p (A or Aᵀ read in place). Rows are taken
  ;; `chunkRows` at a time (A's chunk stays in L2 while every panel sweeps it); within a chunk,
  ;; blocks of 4 rows × 4 columns (8 f64x2 accumulators), the last one overlapping the one before
  ;; it when the rows do not divide by 4; single rows only in a chunk of fewer than 4.
  ;;
  ;; Stores are always four columns wide: at the right edge they spill up to 3 values past the
  ;; row's end, into the start of the next row (or the 3 spare values after C). That is harmless
  ;; because the panels are swept right to left and the rows top to bottom: whatever a spill
  ;; overwrites is written with its true value later.
  (func (export "multiply") (param $a i32) (param $panels i32) (param $c i32) (param $n i32) (param $k i32) (param $m i32)
    (param $aRow i32) (param $aStep i32) (param $chunkRows i32)
    (local $i0 i32) (local $i1 i32) (local $i i32) (local $jp i32) (local $panel i32) (local $panelEnd i32)
    (local $cRow i32) (local $cp i32) (local $ap i32) (local $q i32) (local $r1 i32) (local $r2 i32) (local $r3 i32)
    (local $b0 v128) (local $b1 v128) (local $x v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local.set $cRow (i32.shl (local.get $m) (i32.const 3)))
    (local.set $r1 (local.get $aRow))
    (local.set $r2 (i32.shl (local.get $aRow) (i32.const 1)))
    (local.set $r3 (i32.mul (local.get $aRow) (i32.const 3)))
    (block $chunksDone (loop $chunk
      (br_if $chunksDone (i32.ge_u (local.get $i0) (local.get $n)))
      (local.set $i1 (i32.add (local.get $i0) (local.get $chunkRows)))
      (if (i32.gt_u (local.get $i1) (local.get $n)) (then (local.set $i1 (local.get $n))))
      (local.set $jp (i32.shr_u (i32.add (local.get $m) (i32.const 3)) (i32.const 2)))
      (loop $panelLoop
        (local.set $jp (i32.sub (local.get $jp) (i32.const 1)))
        (local.set $panel (i32.add (local.get $panels) (i32.mul (local.get $jp) (i32.shl (local.get $k) (i32.const 5)))))
        (local.set $panelEnd (i32.add (local.get $panel) (i32.shl (local.get $k) (i32.const 5))))
        (local.set $i (local.get $i0))
        (if (i32.eq (i32.sub (local.get $m) (i32.shl (local.get $jp) (i32.const 2))) (i32.const 3))
          (then
            (call $threeColumns (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $aRow))) (local.get $panel) (local.get $panelEnd)
              (i32.add (i32.add (local.get $c) (i32.shl (local.get $jp) (i32.const 5))) (i32.mul (local.get $i) (local.get $cRow)))
              (i32.shr_u (i32.sub (local.get $i1) (local.get $i)) (i32.const 2)) (local.get $cRow) (local.get $aRow) (local.get $aStep))
            (local.set $i (i32.add (local.get $i) (i32.and (i32.sub (local.get $i1) (local.get $i)) (i32.const -4))))))
        ;; When 1 to 3 rows are left and the chunk has at least 4, one more block over its last four
        ;; rows takes them: up to 3 rows computed twice (the same values stored again) cost less
        ;; than the same rows one at a time, whose two accumulators wait on each other's adds.
        (block $blocksDone (loop $block
          (if (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $i1))
            (then
              (br_if $blocksDone (i32.ge_u (local.get $i) (local.get $i1)))
              (br_if $blocksDone (i32.lt_u (i32.sub (local.get $i1) (local.get $i0)) (i32.const 4)))
              (local.set $i (i32.sub (local.get $i1) (i32.const 4)))))
          (local.set $c00 (v128.const i64x2 0 0)) (local.set $c01 (v128.const i64x2 0 0))
          (local.set $c10 (v128.const i64x2 0 0)) (local.set $c11 (v128.const i64x2 0 0))
          (local.set $c20 (v128.const i64x2 0 0)) (local.set $c21 (v128.const i64x2 0 0))
          (local.set $c30 (v128.const i64x2 0 0)) (local.set $c31 (v128.const i64x2 0 0))
          (local.set $q (local.get $panel))
          (local.set $ap (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $aRow))))
          (loop $step
            (local.set $b0 (v128.load (local.get $q)))
            (local.set $b1 (v128.load offset=16 (local.get $q)))
            (local.set $x (v128.load64_splat (local.get $ap)))
            (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $x) (local.get $b0))))
            (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $x) (local.get $b1))))
            (local.set $x (v128.load64_splat (i32.add (local.get $ap) (local.get $r1))))
            (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $x) (local.get $b0))))
            (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $x) (local.get $b1))))
            (local.set $x (v128.load64_splat (i32.add (local.get $ap) (local.get $r2))))
            (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $x) (local.get $b0))))
            (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $x) (local.get $b1))))
            (local.set $x (v128.load64_splat (i32.add (local.get $ap) (local.get $r3))))
            (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $x) (local.get $b0))))
            (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $x) (local.get $b1))))
            (local.set $ap (i32.add (local.get $ap) (local.get $aStep)))
            (local.set $q (i32.add (local.get $q) (i32.const 32)))
            (br_if $step (i32.lt_u (local.get $q) (local.get $panelEnd))))
          (local.set $cp (i32.add (i32.add (local.get $c) (i32.shl (local.get $jp) (i32.const 5)))
            (i32.mul (local.get $i) (local.get $cRow))))
          (v128.store (local.get $cp) (local.get $c00))
          (v128.store offset=16 (local.get $cp) (local.get $c01))
          (local.set $cp (i32.add (local.get $cp) (local.get $cRow)))
          (v128.store (local.get $cp) (local.get $c10))
          (v128.store offset=16 (local.get $cp) (local.get $c11))
          (local.set $cp (i32.add (local.get $cp) (local.get $cRow)))
          (v128.store (local.get $cp) (local.get $c20))
          (v128.store offset=16 (local.get $cp) (local.get $c21))
          (local.set $cp (i32.add (local.get $cp) (local.get $cRow)))
          (v128.store (local.get $cp) (local.get $c30))
          (v128.store offset=16 (local.get $cp) (local.get $c31))
          (local.set $i (i32.add (local.get $i) (i32.const 4)))
          (br $block)))
        ;; The rows left over (at most 3), one at a time.
        (block $rowsDone (loop $row
          (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $i1)))
          (local.set $c00 (v128.const i64x2 0 0)) (local.set $c01 (v128.const i64x2 0 0))
          (local.set $q (local.get $panel))
          (local.set $ap (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $aRow))))
          (loop $step
            (local.set $x (v128.load64_splat (local.get $ap)))
            (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $x) (v128.load (local.get $q)))))
            (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $x) (v128.load offset=16 (local.get $q)))))
            (local.set $ap (i32.add (local.get $ap) (local.get $aStep)))
            (local.set $q (i32.add (local.get $q) (i32.const 32)))
            (br_if $step (i32.lt_u (local.get $q) (local.get $panelEnd))))
          (local.set $cp (i32.add (i32.add (local.get $c) (i32.shl (local.get $jp) (i32.const 5)))
            (i32.mul (local.get $i) (local.get $cRow))))
          (v128.store (local.get $cp) (local.get $c00))
          (v128.store offset=16 (local.get $cp) (local.get $c01))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $row)))
        (br_if $panelLoop (i32.gt_u (local.get $jp) (i32.const 0))))
      (local.set $i0 (local.get $i1))
      (br $chunk))))
)
