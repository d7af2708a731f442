;; Element-wise, row-wise and update kernels in WebAssembly SIMD (f64x2): the loops of
;; ../kernels/elementwise.ts, two values per instruction, each value computed with the same
;; operations in the same order (no fused multiply-add), so both give the same bits. Lengths may
;; be odd: the last value is done with scalar f64 code. Arguments are byte offsets into the
;; arena's memory, which the module imports.
;;
;; Built by the repository's scripts/wat-module.mjs (`pnpm build:wasm` here) into
;; elementwise-kernels.wasm.ts; a test checks the two agree.
(module
  (import "env" "memory" (memory 1))

  ;; c (n, m) += bias (m,) row by row; with $relu, then pmax(·, 0) (a NaN and −0 stay).
  (func (export "addBias") (param $c i32) (param $bias i32) (param $n i32) (param $m i32) (param $relu i32)
    (local $i i32) (local $p i32) (local $q i32) (local $pairEnd i32) (local $rowEnd i32) (local $floor v128) (local $v f64)
    ;; Without relu the floor is −∞: pmax(v, −∞) is v for every v, −0 and NaN included.
    (local.set $floor (f64x2.splat (select (f64.const 0) (f64.const -inf) (local.get $relu))))
    (local.set $p (local.get $c))
    (block $done (loop $row
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $rowEnd (i32.add (local.get $p) (i32.shl (local.get $m) (i32.const 3))))
      (local.set $pairEnd (i32.add (local.get $p) (i32.shl (i32.and (local.get $m) (i32.const -2)) (i32.const 3))))
      (local.set $q (local.get $bias))
      (block $pairsDone (loop $pair
        (br_if $pairsDone (i32.ge_u (local.get $p) (local.get $pairEnd)))
        (v128.store (local.get $p)
          (f64x2.pmax (f64x2.add (v128.load (local.get $p)) (v128.load (local.get $q))) (local.get $floor)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br $pair)))
      (if (i32.lt_u (local.get $p) (local.get $rowEnd))
        (then
          (local.set $v (f64.add (f64.load (local.get $p)) (f64.load (local.get $q))))
          (f64.store (local.get $p)
            (select (f64x2.extract_lane 0 (local.get $floor)) (local.get $v)
              (f64.lt (local.get $v) (f64x2.extract_lane 0 (local.get $floor)))))
          (local.set $p (local.get $rowEnd))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $row))))

  ;; Inverted dropout in place over $length values: values = values·mask / keepProb.
  (func (export "dropoutMask") (param $values i32) (param $mask i32) (param $keepProb f64) (param $length i32)
    (local $p i32) (local $q i32) (local $pairEnd i32) (local $kp v128)
    (local.set $kp (f64x2.splat (local.get $keepProb)))
    (local.set $p (local.get $values))
    (local.set $q (local.get $mask))
    (local.set $pairEnd (i32.add (local.get $values) (i32.shl (i32.and (local.get $length) (i32.const -2)) (i32.const 3))))
    (block $done (loop $pair
      (br_if $done (i32.ge_u (local.get $p) (local.get $pairEnd)))
      (v128.store (local.get $p) (f64x2.div (f64x2.mul (v128.load (local.get $p)) (v128.load (local.get $q))) (local.get $kp)))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (local.set $q (i32.add (local.get $q) (i32.const 16)))
      (br $pair)))
    (if (i32.and (local.get $length) (i32.const 1))
      (then (f64.store (local.get $p) (f64.div (f64.mul (f64.load (local.get $p)) (f64.load (local.get $q))) (local.get $keepProb))))))

  ;; ReLU backward from the output, in place over $length values: dout = y > 0 ? dout : 0.
  (func (export "reluMask") (param $dout i32) (param $y i32) (param $length i32)
    (local $p i32) (local $q i32) (local $pairEnd i32)
    (local.set $p (local.get $dout))
    (local.set $q (local.get $y))
    (local.set $pairEnd (i32.add (local.get $dout) (i32.shl (i32.and (local.get $length) (i32.const -2)) (i32.const 3))))
    (block $done (loop $pair
      (br_if $done (i32.ge_u (local.get $p) (local.get $pairEnd)))
      (v128.store (local.get $p)
        (v128.and (v128.load (local.get $p)) (f64x2.gt (v128.load (local.get $q)) (f64x2.splat (f64.const 0)))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (local.set $q (i32.add (local.get $q) (i32.const 16)))
      (br $pair)))
    (if (i32.and (local.get $length) (i32.const 1))
      (then
        (if (i32.eqz (f64.gt (f64.load (local.get $q)) (f64.const 0)))
          (then (f64.store (local.get $p) (f64.const 0)))))))

  ;; 1 when every one of $length values is finite, else 0: x − x is 0 for a finite x and NaN for
  ;; NaN and ±∞, and a NaN stays in a sum. Four values per step in two independent sums.
  (func (export "allFinite") (param $values i32) (param $length i32) (result i32)
    (local $p i32) (local $blockEnd i32) (local $end i32) (local $x v128) (local $a v128) (local $b v128) (local $tail f64)
    (local.set $p (local.get $values))
    (local.set $blockEnd (i32.add (local.get $values) (i32.shl (i32.and (local.get $length) (i32.const -4)) (i32.const 3))))
    (local.set $end (i32.add (local.get $values) (i32.shl (local.get $length) (i32.const 3))))
    (block $done (loop $block
      (br_if $done (i32.ge_u (local.get $p) (local.get $blockEnd)))
      (local.set $x (v128.load (local.get $p)))
      (local.set $a (f64x2.add (local.get $a) (f64x2.sub (local.get $x) (local.get $x))))
      (local.set $x (v128.load offset=16 (local.get $p)))
      (local.set $b (f64x2.add (local.get $b) (f64x2.sub (local.get $x) (local.get $x))))
      (local.set $p (i32.add (local.get $p) (i32.const 32)))
      (br $block)))
    (block $tailDone (loop $rest
      (br_if $tailDone (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $tail (f64.add (local.get $tail) (f64.sub (f64.load (local.get $p)) (f64.load (local.get $p)))))
      (local.set $p (i32.add (local.get $p) (i32.const 8)))
      (br $rest)))
    (local.set $a (f64x2.add (local.get $a) (local.get $b)))
    (f64.eq (f64.add (local.get $tail) (f64.add (f64x2.extract_lane 0 (local.get $a)) (f64x2.extract_lane 1 (local.get $a))))
      (f64.const 0)))

  ;; out (m,) = Σᵢ a[i, :] over a (n, m): each column summed from row 0 down, as the JavaScript loop.
  (func (export "columnSums") (param $a i32) (param $n i32) (param $m i32) (param $out i32)
    (local $i i32) (local $p i32) (local $q i32) (local $pairEnd i32) (local $outEnd i32)
    (local.set $outEnd (i32.add (local.get $out) (i32.shl (local.get $m) (i32.const 3))))
    (local.set $pairEnd (i32.add (local.get $out) (i32.shl (i32.and (local.get $m) (i32.const -2)) (i32.const 3))))
    (memory.fill (local.get $out) (i32.const 0) (i32.shl (local.get $m) (i32.const 3)))
    (local.set $p (local.get $a))
    (block $done (loop $row
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $q (local.get $out))
      (block $pairsDone (loop $pair
        (br_if $pairsDone (i32.ge_u (local.get $q) (local.get $pairEnd)))
        (v128.store (local.get $q) (f64x2.add (v128.load (local.get $q)) (v128.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br $pair)))
      (if (i32.lt_u (local.get $q) (local.get $outEnd))
        (then
          (f64.store (local.get $q) (f64.add (f64.load (local.get $q)) (f64.load (local.get $p))))
          (local.set $p (i32.add (local.get $p) (i32.const 8)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $row))))

  ;; Gradient descent in place over $length values: w −= learningRate·g.
  (func (export "sgdUpdate") (param $w i32) (param $g i32) (param $learningRate f64) (param $length i32)
    (local $p i32) (local $q i32) (local $pairEnd i32) (local $lr v128)
    (local.set $lr (f64x2.splat (local.get $learningRate)))
    (local.set $p (local.get $w))
    (local.set $q (local.get $g))
    (local.set $pairEnd (i32.add (local.get $w) (i32.shl (i32.and (local.get $length) (i32.const -2)) (i32.const 3))))
    (block $done (loop $pair
      (br_if $done (i32.ge_u (local.get $p) (local.get $pairEnd)))
      (v128.store (local.get $p) (f64x2.sub (v128.load (local.get $p)) (f64x2.mul (local.get $lr) (v128.load (local.get $q)))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (local.set $q (i32.add (local.get $q) (i32.const 16)))
      (br $pair)))
    (if (i32.and (local.get $length) (i32.const 1))
      (then (f64.store (local.get $p) (f64.sub (f64.load (local.get $p)) (f64.mul (local.get $learningRate) (f64.load (local.get $q))))))))

  ;; Adam in place over $length values, as ../kernels/elementwise.ts adamUpdate:
  ;; v = β₁v + (1 − β₁)g, s = β₂s + (1 − β₂)g², w −= (lr·(v/c₁)) / (√(s/c₂) + ε).
  (func (export "adamUpdate") (param $w i32) (param $g i32) (param $v i32) (param $s i32) (param $length i32)
    (param $learningRate f64) (param $beta1 f64) (param $beta2 f64) (param $epsilon f64) (param $correction1 f64) (param $correction2 f64)
    (local $o i32) (local $pairBytes i32)
    (local $lr v128) (local $b1 v128) (local $b2 v128) (local $m1 v128) (local $m2 v128) (local $eps v128) (local $c1 v128) (local $c2 v128)
    (local $gi v128) (local $vi v128) (local $si v128)
    (local $gs f64) (local $vs f64) (local $ss f64)
    (local.set $lr (f64x2.splat (local.get $learningRate)))
    (local.set $b1 (f64x2.splat (local.get $beta1)))
    (local.set $b2 (f64x2.splat (local.get $beta2)))
    (local.set $m1 (f64x2.splat (f64.sub (f64.const 1) (local.get $beta1))))
    (local.set $m2 (f64x2.splat (f64.sub (f64.const 1) (local.get $beta2))))
    (local.set $eps (f64x2.splat (local.get $epsilon)))
    (local.set $c1 (f64x2.splat (local.get $correction1)))
    (local.set $c2 (f64x2.splat (local.get $correction2)))
    (local.set $pairBytes (i32.shl (i32.and (local.get $length) (i32.const -2)) (i32.const 3)))
    (block $done (loop $pair
      (br_if $done (i32.ge_u (local.get $o) (local.get $pairBytes)))
      (local.set $gi (v128.load (i32.add (local.get $g) (local.get $o))))
      (local.set $vi (f64x2.add (f64x2.mul (local.get $b1) (v128.load (i32.add (local.get $v) (local.get $o))))
        (f64x2.mul (local.get $m1) (local.get $gi))))
      (local.set $si (f64x2.add (f64x2.mul (local.get $b2) (v128.load (i32.add (local.get $s) (local.get $o))))
        (f64x2.mul (local.get $m2) (f64x2.mul (local.get $gi) (local.get $gi)))))
      (v128.store (i32.add (local.get $v) (local.get $o)) (local.get $vi))
      (v128.store (i32.add (local.get $s) (local.get $o)) (local.get $si))
      (v128.store (i32.add (local.get $w) (local.get $o))
        (f64x2.sub (v128.load (i32.add (local.get $w) (local.get $o)))
          (f64x2.div (f64x2.mul (local.get $lr) (f64x2.div (local.get $vi) (local.get $c1)))
            (f64x2.add (f64x2.sqrt (f64x2.div (local.get $si) (local.get $c2))) (local.get $eps)))))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $pair)))
    (if (i32.and (local.get $length) (i32.const 1))
      (then
        (local.set $gs (f64.load (i32.add (local.get $g) (local.get $o))))
        (local.set $vs (f64.add (f64.mul (local.get $beta1) (f64.load (i32.add (local.get $v) (local.get $o))))
          (f64.mul (f64.sub (f64.const 1) (local.get $beta1)) (local.get $gs))))
        (local.set $ss (f64.add (f64.mul (local.get $beta2) (f64.load (i32.add (local.get $s) (local.get $o))))
          (f64.mul (f64.sub (f64.const 1) (local.get $beta2)) (f64.mul (local.get $gs) (local.get $gs)))))
        (f64.store (i32.add (local.get $v) (local.get $o)) (local.get $vs))
        (f64.store (i32.add (local.get $s) (local.get $o)) (local.get $ss))
        (f64.store (i32.add (local.get $w) (local.get $o))
          (f64.sub (f64.load (i32.add (local.get $w) (local.get $o)))
            (f64.div (f64.mul (local.get $learningRate) (f64.div (local.get $vs) (local.get $correction1)))
              (f64.add (f64.sqrt (f64.div (local.get $ss) (local.get $correction2))) (local.get $epsilon))))))))
)
