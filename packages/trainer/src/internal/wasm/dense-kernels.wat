;; Dense-layer kernels for BinaryMlp in WebAssembly SIMD (f64x2): the same loops as
;; ../feature-major-kernels.ts, two examples per instruction and without bounds checks.
;;
;; Layout: every row (one unit over the batch) is `bytes` long, a multiple of 16: the batch
;; is padded to an even size, and the padded examples carry zero deltas so they add nothing
;; to any gradient. Arguments are byte offsets into the module's memory; a ragged block
;; passes the offset of a shared zero row (to read) or a scratch row (to write).
;;
;; Built by scripts/build-wasm.mjs into dense-kernels.wasm.ts; a test checks the two agree.
(module
  (memory (export "memory") 1)

  ;; z_k (+)= [b_k] + w_k0·a0 + w_k1·a1 for four output rows k: the forward product.
  (func (export "forward4x2")
    (param $z0 i32) (param $z1 i32) (param $z2 i32) (param $z3 i32)
    (param $a0 i32) (param $a1 i32)
    (param $w00 f64) (param $w01 f64) (param $w10 f64) (param $w11 f64)
    (param $w20 f64) (param $w21 f64) (param $w30 f64) (param $w31 f64)
    (param $b0 f64) (param $b1 f64) (param $b2 f64) (param $b3 f64)
    (param $first i32) (param $bytes i32)
    (local $o i32) (local $x0 v128) (local $x1 v128)
    (local $v00 v128) (local $v01 v128) (local $v10 v128) (local $v11 v128)
    (local $v20 v128) (local $v21 v128) (local $v30 v128) (local $v31 v128)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128)
    (local.set $v00 (f64x2.splat (local.get $w00)))
    (local.set $v01 (f64x2.splat (local.get $w01)))
    (local.set $v10 (f64x2.splat (local.get $w10)))
    (local.set $v11 (f64x2.splat (local.get $w11)))
    (local.set $v20 (f64x2.splat (local.get $w20)))
    (local.set $v21 (f64x2.splat (local.get $w21)))
    (local.set $v30 (f64x2.splat (local.get $w30)))
    (local.set $v31 (f64x2.splat (local.get $w31)))
    (local.set $c0 (f64x2.splat (local.get $b0)))
    (local.set $c1 (f64x2.splat (local.get $b1)))
    (local.set $c2 (f64x2.splat (local.get $b2)))
    (local.set $c3 (f64x2.splat (local.get $b3)))
    (if (local.get $first)
      (then
        ;; The first pass writes bias + products, so z need not be cleared beforehand.
        (block $done (loop $next
          (br_if $done (i32.ge_u (local.get $o) (local.get $bytes)))
          (local.set $x0 (v128.load (i32.add (local.get $a0) (local.get $o))))
          (local.set $x1 (v128.load (i32.add (local.get $a1) (local.get $o))))
          (v128.store (i32.add (local.get $z0) (local.get $o))
            (f64x2.add (f64x2.add (local.get $c0) (f64x2.mul (local.get $v00) (local.get $x0))) (f64x2.mul (local.get $v01) (local.get $x1))))
          (v128.store (i32.add (local.get $z1) (local.get $o))
            (f64x2.add (f64x2.add (local.get $c1) (f64x2.mul (local.get $v10) (local.get $x0))) (f64x2.mul (local.get $v11) (local.get $x1))))
          (v128.store (i32.add (local.get $z2) (local.get $o))
            (f64x2.add (f64x2.add (local.get $c2) (f64x2.mul (local.get $v20) (local.get $x0))) (f64x2.mul (local.get $v21) (local.get $x1))))
          (v128.store (i32.add (local.get $z3) (local.get $o))
            (f64x2.add (f64x2.add (local.get $c3) (f64x2.mul (local.get $v30) (local.get $x0))) (f64x2.mul (local.get $v31) (local.get $x1))))
          (local.set $o (i32.add (local.get $o) (i32.const 16)))
          (br $next))))
      (else
        (block $done (loop $next
          (br_if $done (i32.ge_u (local.get $o) (local.get $bytes)))
          (local.set $x0 (v128.load (i32.add (local.get $a0) (local.get $o))))
          (local.set $x1 (v128.load (i32.add (local.get $a1) (local.get $o))))
          (v128.store (i32.add (local.get $z0) (local.get $o))
            (f64x2.add (v128.load (i32.add (local.get $z0) (local.get $o)))
              (f64x2.add (f64x2.mul (local.get $v00) (local.get $x0)) (f64x2.mul (local.get $v01) (local.get $x1)))))
          (v128.store (i32.add (local.get $z1) (local.get $o))
            (f64x2.add (v128.load (i32.add (local.get $z1) (local.get $o)))
              (f64x2.add (f64x2.mul (local.get $v10) (local.get $x0)) (f64x2.mul (local.get $v11) (local.get $x1)))))
          (v128.store (i32.add (local.get $z2) (local.get $o))
            (f64x2.add (v128.load (i32.add (local.get $z2) (local.get $o)))
              (f64x2.add (f64x2.mul (local.get $v20) (local.get $x0)) (f64x2.mul (local.get $v21) (local.get $x1)))))
          (v128.store (i32.add (local.get $z3) (local.get $o))
            (f64x2.add (v128.load (i32.add (local.get $z3) (local.get $o)))
              (f64x2.add (f64x2.mul (local.get $v30) (local.get $x0)) (f64x2.mul (local.get $v31) (local.get $x1)))))
          (local.set $o (i32.add (local.get $o) (i32.const 16)))
          (br $next))))))

  ;; Eight dot products of two rows of dz with four rows of a, written as 8 f64 at $out
  ;; in the order d0·a0, d0·a1, d0·a2, d0·a3, d1·a0, …: a block of dw = dz·aᵀ.
  (func (export "dot2x4")
    (param $d0 i32) (param $d1 i32) (param $a0 i32) (param $a1 i32) (param $a2 i32) (param $a3 i32)
    (param $bytes i32) (param $out i32)
    (local $o i32) (local $g0 v128) (local $g1 v128) (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128)
    (local $s00 v128) (local $s01 v128) (local $s02 v128) (local $s03 v128)
    (local $s10 v128) (local $s11 v128) (local $s12 v128) (local $s13 v128)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $o) (local.get $bytes)))
      (local.set $g0 (v128.load (i32.add (local.get $d0) (local.get $o))))
      (local.set $g1 (v128.load (i32.add (local.get $d1) (local.get $o))))
      (local.set $x0 (v128.load (i32.add (local.get $a0) (local.get $o))))
      (local.set $x1 (v128.load (i32.add (local.get $a1) (local.get $o))))
      (local.set $x2 (v128.load (i32.add (local.get $a2) (local.get $o))))
      (local.set $x3 (v128.load (i32.add (local.get $a3) (local.get $o))))
      (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul (local.get $g0) (local.get $x0))))
      (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (local.get $g0) (local.get $x1))))
      (local.set $s02 (f64x2.add (local.get $s02) (f64x2.mul (local.get $g0) (local.get $x2))))
      (local.set $s03 (f64x2.add (local.get $s03) (f64x2.mul (local.get $g0) (local.get $x3))))
      (local.set $s10 (f64x2.add (local.get $s10) (f64x2.mul (local.get $g1) (local.get $x0))))
      (local.set $s11 (f64x2.add (local.get $s11) (f64x2.mul (local.get $g1) (local.get $x1))))
      (local.set $s12 (f64x2.add (local.get $s12) (f64x2.mul (local.get $g1) (local.get $x2))))
      (local.set $s13 (f64x2.add (local.get $s13) (f64x2.mul (local.get $g1) (local.get $x3))))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $next)))
    (f64.store offset=0 (local.get $out) (call $lanes (local.get $s00)))
    (f64.store offset=8 (local.get $out) (call $lanes (local.get $s01)))
    (f64.store offset=16 (local.get $out) (call $lanes (local.get $s02)))
    (f64.store offset=24 (local.get $out) (call $lanes (local.get $s03)))
    (f64.store offset=32 (local.get $out) (call $lanes (local.get $s10)))
    (f64.store offset=40 (local.get $out) (call $lanes (local.get $s11)))
    (f64.store offset=48 (local.get $out) (call $lanes (local.get $s12)))
    (f64.store offset=56 (local.get $out) (call $lanes (local.get $s13))))

  ;; Eight dot products of four rows of dz with two rows of a (d0·a0, d0·a1, d1·a0, …), for
  ;; layers with two inputs and many outputs.
  (func (export "dot4x2")
    (param $d0 i32) (param $d1 i32) (param $d2 i32) (param $d3 i32) (param $a0 i32) (param $a1 i32)
    (param $bytes i32) (param $out i32)
    (local $o i32) (local $x0 v128) (local $x1 v128) (local $e0 v128) (local $e1 v128) (local $e2 v128) (local $e3 v128)
    (local $s00 v128) (local $s01 v128) (local $s10 v128) (local $s11 v128)
    (local $s20 v128) (local $s21 v128) (local $s30 v128) (local $s31 v128)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $o) (local.get $bytes)))
      (local.set $x0 (v128.load (i32.add (local.get $a0) (local.get $o))))
      (local.set $x1 (v128.load (i32.add (local.get $a1) (local.get $o))))
      (local.set $e0 (v128.load (i32.add (local.get $d0) (local.get $o))))
      (local.set $e1 (v128.load (i32.add (local.get $d1) (local.get $o))))
      (local.set $e2 (v128.load (i32.add (local.get $d2) (local.get $o))))
      (local.set $e3 (v128.load (i32.add (local.get $d3) (local.get $o))))
      (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul (local.get $e0) (local.get $x0))))
      (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (local.get $e0) (local.get $x1))))
      (local.set $s10 (f64x2.add (local.get $s10) (f64x2.mul (local.get $e1) (local.get $x0))))
      (local.set $s11 (f64x2.add (local.get $s11) (f64x2.mul (local.get $e1) (local.get $x1))))
      (local.set $s20 (f64x2.add (local.get $s20) (f64x2.mul (local.get $e2) (local.get $x0))))
      (local.set $s21 (f64x2.add (local.get $s21) (f64x2.mul (local.get $e2) (local.get $x1))))
      (local.set $s30 (f64x2.add (local.get $s30) (f64x2.mul (local.get $e3) (local.get $x0))))
      (local.set $s31 (f64x2.add (local.get $s31) (f64x2.mul (local.get $e3) (local.get $x1))))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $next)))
    (f64.store offset=0 (local.get $out) (call $lanes (local.get $s00)))
    (f64.store offset=8 (local.get $out) (call $lanes (local.get $s01)))
    (f64.store offset=16 (local.get $out) (call $lanes (local.get $s10)))
    (f64.store offset=24 (local.get $out) (call $lanes (local.get $s11)))
    (f64.store offset=32 (local.get $out) (call $lanes (local.get $s20)))
    (f64.store offset=40 (local.get $out) (call $lanes (local.get $s21)))
    (f64.store offset=48 (local.get $out) (call $lanes (local.get $s30)))
    (f64.store offset=56 (local.get $out) (call $lanes (local.get $s31))))

  ;; Σ of one row (a bias gradient).
  (func (export "rowSum") (param $d i32) (param $bytes i32) (result f64)
    (local $o i32) (local $s v128)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $o) (local.get $bytes)))
      (local.set $s (f64x2.add (local.get $s) (v128.load (i32.add (local.get $d) (local.get $o)))))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $next)))
    (call $lanes (local.get $s)))

  ;; p_j (+)= Σ_k w_jk·e_k for four rows j and four rows k: a block of wᵀ·dz.
  (func (export "transposed4x4")
    (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32)
    (param $e0 i32) (param $e1 i32) (param $e2 i32) (param $e3 i32)
    (param $w00 f64) (param $w01 f64) (param $w02 f64) (param $w03 f64)
    (param $w10 f64) (param $w11 f64) (param $w12 f64) (param $w13 f64)
    (param $w20 f64) (param $w21 f64) (param $w22 f64) (param $w23 f64)
    (param $w30 f64) (param $w31 f64) (param $w32 f64) (param $w33 f64)
    (param $first i32) (param $bytes i32)
    (local $o i32) (local $g0 v128) (local $g1 v128) (local $g2 v128) (local $g3 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local $v00 v128) (local $v01 v128) (local $v02 v128) (local $v03 v128) (local $v10 v128) (local $v11 v128) (local $v12 v128) (local $v13 v128) (local $v20 v128) (local $v21 v128) (local $v22 v128) (local $v23 v128) (local $v30 v128) (local $v31 v128) (local $v32 v128) (local $v33 v128)
    (local.set $v00 (f64x2.splat (local.get $w00)))
    (local.set $v01 (f64x2.splat (local.get $w01)))
    (local.set $v02 (f64x2.splat (local.get $w02)))
    (local.set $v03 (f64x2.splat (local.get $w03)))
    (local.set $v10 (f64x2.splat (local.get $w10)))
    (local.set $v11 (f64x2.splat (local.get $w11)))
    (local.set $v12 (f64x2.splat (local.get $w12)))
    (local.set $v13 (f64x2.splat (local.get $w13)))
    (local.set $v20 (f64x2.splat (local.get $w20)))
    (local.set $v21 (f64x2.splat (local.get $w21)))
    (local.set $v22 (f64x2.splat (local.get $w22)))
    (local.set $v23 (f64x2.splat (local.get $w23)))
    (local.set $v30 (f64x2.splat (local.get $w30)))
    (local.set $v31 (f64x2.splat (local.get $w31)))
    (local.set $v32 (f64x2.splat (local.get $w32)))
    (local.set $v33 (f64x2.splat (local.get $w33)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $o) (local.get $bytes)))
      (local.set $g0 (v128.load (i32.add (local.get $e0) (local.get $o))))
      (local.set $g1 (v128.load (i32.add (local.get $e1) (local.get $o))))
      (local.set $g2 (v128.load (i32.add (local.get $e2) (local.get $o))))
      (local.set $g3 (v128.load (i32.add (local.get $e3) (local.get $o))))
      (local.set $t0 (f64x2.add
        (f64x2.add (f64x2.mul (local.get $v00) (local.get $g0)) (f64x2.mul (local.get $v01) (local.get $g1)))
        (f64x2.add (f64x2.mul (local.get $v02) (local.get $g2)) (f64x2.mul (local.get $v03) (local.get $g3)))))
      (local.set $t1 (f64x2.add
        (f64x2.add (f64x2.mul (local.get $v10) (local.get $g0)) (f64x2.mul (local.get $v11) (local.get $g1)))
        (f64x2.add (f64x2.mul (local.get $v12) (local.get $g2)) (f64x2.mul (local.get $v13) (local.get $g3)))))
      (local.set $t2 (f64x2.add
        (f64x2.add (f64x2.mul (local.get $v20) (local.get $g0)) (f64x2.mul (local.get $v21) (local.get $g1)))
        (f64x2.add (f64x2.mul (local.get $v22) (local.get $g2)) (f64x2.mul (local.get $v23) (local.get $g3)))))
      (local.set $t3 (f64x2.add
        (f64x2.add (f64x2.mul (local.get $v30) (local.get $g0)) (f64x2.mul (local.get $v31) (local.get $g1)))
        (f64x2.add (f64x2.mul (local.get $v32) (local.get $g2)) (f64x2.mul (local.get $v33) (local.get $g3)))))
      (if (i32.eqz (local.get $first))
        (then
          (local.set $t0 (f64x2.add (local.get $t0) (v128.load (i32.add (local.get $p0) (local.get $o)))))
          (local.set $t1 (f64x2.add (local.get $t1) (v128.load (i32.add (local.get $p1) (local.get $o)))))
          (local.set $t2 (f64x2.add (local.get $t2) (v128.load (i32.add (local.get $p2) (local.get $o)))))
          (local.set $t3 (f64x2.add (local.get $t3) (v128.load (i32.add (local.get $p3) (local.get $o)))))))
      (v128.store (i32.add (local.get $p0) (local.get $o)) (local.get $t0))
      (v128.store (i32.add (local.get $p1) (local.get $o)) (local.get $t1))
      (v128.store (i32.add (local.get $p2) (local.get $o)) (local.get $t2))
      (v128.store (i32.add (local.get $p3) (local.get $o)) (local.get $t3))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $next))))

  ;; In place over `bytes` of rows: d = a > 0 ? d / keepProb : 0 — the ReLU derivative and
  ;; the dropout scaling of the gradient flowing into a hidden layer (a is its output).
  (func (export "reluGradient") (param $d i32) (param $a i32) (param $bytes i32) (param $keepProb f64)
    (local $o i32) (local $k v128) (local $positive v128)
    (local.set $k (f64x2.splat (local.get $keepProb)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $o) (local.get $bytes)))
      (local.set $positive (f64x2.gt (v128.load (i32.add (local.get $a) (local.get $o))) (f64x2.splat (f64.const 0))))
      (v128.store (i32.add (local.get $d) (local.get $o))
        (v128.and (local.get $positive) (f64x2.div (v128.load (i32.add (local.get $d) (local.get $o))) (local.get $k))))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $next))))

  ;; In place over `bytes` of rows: d = a > 0 ? d : 0 — reluGradient without dropout, which
  ;; spares the division by keepProb = 1 (x / 1 is x, so the result is the same).
  (func (export "reluMask") (param $d i32) (param $a i32) (param $bytes i32)
    (local $o i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $o) (local.get $bytes)))
      (v128.store (i32.add (local.get $d) (local.get $o))
        (v128.and
          (f64x2.gt (v128.load (i32.add (local.get $a) (local.get $o))) (f64x2.splat (f64.const 0)))
          (v128.load (i32.add (local.get $d) (local.get $o)))))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $next))))

  ;; In place: z = max(0, z), then, when $mask is not 0, z = z·mask / keepProb (inverted dropout).
  (func (export "reluDropout") (param $z i32) (param $mask i32) (param $bytes i32) (param $keepProb f64)
    (local $o i32) (local $k v128) (local $v v128)
    (local.set $k (f64x2.splat (local.get $keepProb)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $o) (local.get $bytes)))
      (local.set $v (v128.load (i32.add (local.get $z) (local.get $o))))
      ;; pmax keeps a NaN in z (the comparison is false), so divergence is not hidden.
      (local.set $v (f64x2.pmax (local.get $v) (f64x2.splat (f64.const 0))))
      (if (local.get $mask)
        (then (local.set $v (f64x2.div (f64x2.mul (local.get $v) (v128.load (i32.add (local.get $mask) (local.get $o)))) (local.get $k)))))
      (v128.store (i32.add (local.get $z) (local.get $o)) (local.get $v))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $next))))

  ;; The sum of a vector's two lanes.
  (func $lanes (param $v v128) (result f64)
    (f64.add (f64x2.extract_lane 0 (local.get $v)) (f64x2.extract_lane 1 (local.get $v))))
)
