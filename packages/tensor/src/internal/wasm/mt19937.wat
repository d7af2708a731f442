;; MT19937 in WebAssembly SIMD (i32x4): RandomState's generator (../../random-state.ts), filling
;; memory with the doubles `nextDouble()` returns, in the same order. mt19937-wasm.ts copies the
;; 624 state words in at byte 0, calls `fill`, and copies the state and the doubles back out.
;;
;; Same arithmetic as the scalar path, so the same bits: the twist (4 words per step, the
;; recurrence's `i + 1` and `i + M` words read as unaligned vectors), the tempering (4 words per
;; step), and two words → one double as `((a >>> 5)·2²⁶ + (b >>> 6))·2⁻⁵³`, every step exact.
;;
;; Built by the repository's scripts/wat-module.mjs (`pnpm build:wasm` here) into mt19937.wasm.ts;
;; a test checks the two agree.
(module
  (memory (export "memory") 2)

  ;; The state: 624 words at byte 0. Output goes wherever the caller says (past byte 2496).
  ;; N = 624, M = 397, N − M = 227.

  ;; One twist of the whole state, as RandomState.twist: y = upper bit of word i | lower 31 bits
  ;; of word i + 1; word i = word (i + M) mod N ^ (y >>> 1) ^ (y odd ? 0x9908b0df : 0).
  (func $twist
    (local $i i32) (local $y v128) (local $s i32)
    ;; Words 0 … 223, four at a time: word i + M (≤ 623) is still the old one.
    (loop $first
      (local.set $y (v128.bitselect
        (v128.load (local.get $i))
        (v128.load offset=4 (local.get $i))
        (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000)))
      (v128.store (local.get $i) (v128.xor
        (v128.xor (v128.load offset=1588 (local.get $i)) (i32x4.shr_u (local.get $y) (i32.const 1)))
        (v128.and (i32x4.shr_s (i32x4.shl (local.get $y) (i32.const 31)) (i32.const 31))
          (v128.const i32x4 0x9908b0df 0x9908b0df 0x9908b0df 0x9908b0df))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br_if $first (i32.lt_u (local.get $i) (i32.const 896))))
    ;; Words 224 … 226 one by one (227 is not a multiple of 4).
    (loop $middle
      (local.set $s (i32.or
        (i32.and (i32.load (local.get $i)) (i32.const 0x80000000))
        (i32.and (i32.load offset=4 (local.get $i)) (i32.const 0x7fffffff))))
      (i32.store (local.get $i) (i32.xor
        (i32.xor (i32.load offset=1588 (local.get $i)) (i32.shr_u (local.get $s) (i32.const 1)))
        (i32.and (i32.sub (i32.const 0) (i32.and (local.get $s) (i32.const 1))) (i32.const 0x9908b0df))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br_if $middle (i32.lt_u (local.get $i) (i32.const 908))))
    ;; Words 227 … 622, four at a time: word i + M − N (= i − 227) was updated above or earlier here.
    (loop $second
      (local.set $y (v128.bitselect
        (v128.load (local.get $i))
        (v128.load offset=4 (local.get $i))
        (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000)))
      (v128.store (local.get $i) (v128.xor
        (v128.xor (v128.load (i32.sub (local.get $i) (i32.const 908))) (i32x4.shr_u (local.get $y) (i32.const 1)))
        (v128.and (i32x4.shr_s (i32x4.shl (local.get $y) (i32.const 31)) (i32.const 31))
          (v128.const i32x4 0x9908b0df 0x9908b0df 0x9908b0df 0x9908b0df))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br_if $second (i32.lt_u (local.get $i) (i32.const 2492))))
    ;; Word 623 pairs with the new word 0.
    (local.set $s (i32.or
      (i32.and (i32.load (i32.const 2492)) (i32.const 0x80000000))
      (i32.and (i32.load (i32.const 0)) (i32.const 0x7fffffff))))
    (i32.store (i32.const 2492) (i32.xor
      (i32.xor (i32.load (i32.const 1584)) (i32.shr_u (local.get $s) (i32.const 1)))
      (i32.and (i32.sub (i32.const 0) (i32.and (local.get $s) (i32.const 1))) (i32.const 0x9908b0df)))))

  ;; The tempered word at state position `pos` (< 624), as RandomState.temper.
  (func $temper (param $pos i32) (result i32)
    (local $y i32)
    (local.set $y (i32.load (i32.shl (local.get $pos) (i32.const 2))))
    (local.set $y (i32.xor (local.get $y) (i32.shr_u (local.get $y) (i32.const 11))))
    (local.set $y (i32.xor (local.get $y) (i32.and (i32.shl (local.get $y) (i32.const 7)) (i32.const 0x9d2c5680))))
    (local.set $y (i32.xor (local.get $y) (i32.and (i32.shl (local.get $y) (i32.const 15)) (i32.const 0xefc60000))))
    (i32.xor (local.get $y) (i32.shr_u (local.get $y) (i32.const 18))))

  ;; Writes `count` doubles at byte `out`, drawing words from state position `pos` (0 … 624; 624 =
  ;; twist first), and returns the new position. With `mask` ≠ 0 it writes 1 where the double is
  ;; < `threshold` and 0 elsewhere instead of the double (a dropout mask, same draws).
  (func (export "fill") (param $pos i32) (param $out i32) (param $count i32) (param $mask i32) (param $threshold f64) (result i32)
    (local $end i32) (local $pairs i32) (local $stop i32) (local $room i32) (local $w v128) (local $x v128) (local $u v128)
    (local $a i32) (local $b i32) (local $d f64) (local $limit v128) (local $word i32) (local $cut v128) (local $keep v128)
    (local.set $limit (f64x2.splat (local.get $threshold)))
    ;; A mask compares (a >>> 5)·2²⁶ + (b >>> 6) with threshold·2⁵³, all exact: it is below when
    ;; a >>> 5 < floor(threshold·2²⁷), above when greater, and only equality needs b (see $quads).
    (local.set $cut (i32x4.splat (i32.trunc_f64_u (f64.floor (f64.mul (local.get $threshold) (f64.const 0x1p27))))))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 3))))
    (block $done (loop $refill
      (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
      (if (i32.ge_u (local.get $pos) (i32.const 624))
        (then (call $twist) (local.set $pos (i32.const 0))))
      ;; A mask takes four doubles (eight words) per step while they fit in this state and in the
      ;; output, tempering only the four first words: b matters only when a >>> 5 equals the cut
      ;; (about 1 step in 2²⁵), and then the exact two-double steps below take over.
      (if (local.get $mask)
        (then
          (local.set $stop (i32.add (local.get $out)
            (i32.shl (i32.shr_u (i32.sub (i32.const 624) (local.get $pos)) (i32.const 3)) (i32.const 5))))
          (local.set $room (i32.add (local.get $out) (i32.and (i32.sub (local.get $end) (local.get $out)) (i32.const -32))))
          (if (i32.gt_u (local.get $stop) (local.get $room)) (then (local.set $stop (local.get $room))))
          (block $quadsDone (loop $quads
            (br_if $quadsDone (i32.ge_u (local.get $out) (local.get $stop)))
            (local.set $word (i32.shl (local.get $pos) (i32.const 2)))
            ;; Words a0 b0 a1 b1 a2 b2 a3 b3 → a0 a1 a2 a3, tempered.
            (local.set $w (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27
              (v128.load (local.get $word)) (v128.load offset=16 (local.get $word))))
            (local.set $w (v128.xor (local.get $w) (i32x4.shr_u (local.get $w) (i32.const 11))))
            (local.set $w (v128.xor (local.get $w) (v128.and (i32x4.shl (local.get $w) (i32.const 7))
              (v128.const i32x4 0x9d2c5680 0x9d2c5680 0x9d2c5680 0x9d2c5680))))
            (local.set $w (v128.xor (local.get $w) (v128.and (i32x4.shl (local.get $w) (i32.const 15))
              (v128.const i32x4 0xefc60000 0xefc60000 0xefc60000 0xefc60000))))
            (local.set $w (i32x4.shr_u (v128.xor (local.get $w) (i32x4.shr_u (local.get $w) (i32.const 18))) (i32.const 5)))
            (br_if $quadsDone (v128.any_true (i32x4.eq (local.get $w) (local.get $cut))))
            ;; Lanes of −1 (keep) or 0, widened to 64 bits, select the bits of 1.0.
            (local.set $keep (i32x4.lt_s (local.get $w) (local.get $cut)))
            (v128.store (local.get $out) (v128.and (i64x2.extend_low_i32x4_s (local.get $keep)) (f64x2.splat (f64.const 1))))
            (v128.store offset=16 (local.get $out) (v128.and (i64x2.extend_high_i32x4_s (local.get $keep)) (f64x2.splat (f64.const 1))))
            (local.set $out (i32.add (local.get $out) (i32.const 32)))
            (local.set $pos (i32.add (local.get $pos) (i32.const 8)))
            (br $quads)))))
      (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
      (if (i32.ge_u (local.get $pos) (i32.const 624))
        (then (call $twist) (local.set $pos (i32.const 0))))
      ;; Two doubles (four words) per step while both fit in this state and in the output.
      (local.set $pairs (i32.shr_u (i32.sub (i32.const 624) (local.get $pos)) (i32.const 2)))
      (local.set $stop (i32.add (local.get $out) (i32.shl (local.get $pairs) (i32.const 4))))
      (local.set $room (i32.add (local.get $out) (i32.and (i32.sub (local.get $end) (local.get $out)) (i32.const -16))))
      (if (i32.gt_u (local.get $stop) (local.get $room)) (then (local.set $stop (local.get $room))))
      (block $vectorsDone (loop $vectors
        (br_if $vectorsDone (i32.ge_u (local.get $out) (local.get $stop)))
        (local.set $w (v128.load (i32.shl (local.get $pos) (i32.const 2))))
        ;; Tempering, four words at once (a call to a helper function here cost 20 %, measured).
        (local.set $w (v128.xor (local.get $w) (i32x4.shr_u (local.get $w) (i32.const 11))))
        (local.set $w (v128.xor (local.get $w) (v128.and (i32x4.shl (local.get $w) (i32.const 7))
          (v128.const i32x4 0x9d2c5680 0x9d2c5680 0x9d2c5680 0x9d2c5680))))
        (local.set $w (v128.xor (local.get $w) (v128.and (i32x4.shl (local.get $w) (i32.const 15))
          (v128.const i32x4 0xefc60000 0xefc60000 0xefc60000 0xefc60000))))
        (local.set $w (v128.xor (local.get $w) (i32x4.shr_u (local.get $w) (i32.const 18))))
        ;; Words a0 b0 a1 b1 → lanes (a0 >>> 5, a1 >>> 5, b0 >>> 6, b1 >>> 6).
        (local.set $x (i8x16.shuffle 0 1 2 3 8 9 10 11 20 21 22 23 28 29 30 31
          (i32x4.shr_u (local.get $w) (i32.const 5)) (i32x4.shr_u (local.get $w) (i32.const 6))))
        (local.set $u (f64x2.mul
          (f64x2.add
            (f64x2.mul (f64x2.convert_low_i32x4_s (local.get $x)) (f64x2.splat (f64.const 0x1p26)))
            (f64x2.convert_low_i32x4_s (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $x) (local.get $x))))
          (f64x2.splat (f64.const 0x1p-53))))
        (if (local.get $mask)
          (then (local.set $u (v128.and (f64x2.lt (local.get $u) (local.get $limit)) (f64x2.splat (f64.const 1))))))
        (v128.store (local.get $out) (local.get $u))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (local.set $pos (i32.add (local.get $pos) (i32.const 4)))
        (br $vectors)))
      ;; Then one double word by word: the last one of an odd count, or one from the state's last
      ;; words (it may straddle a twist).
      (if (i32.lt_u (local.get $out) (local.get $end))
        (then
          (if (i32.ge_u (local.get $pos) (i32.const 624))
            (then (call $twist) (local.set $pos (i32.const 0))))
          (local.set $a (call $temper (local.get $pos)))
          (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
          (if (i32.ge_u (local.get $pos) (i32.const 624))
            (then (call $twist) (local.set $pos (i32.const 0))))
          (local.set $b (call $temper (local.get $pos)))
          (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
          (local.set $d (f64.mul
            (f64.add
              (f64.mul (f64.convert_i32_s (i32.shr_u (local.get $a) (i32.const 5))) (f64.const 0x1p26))
              (f64.convert_i32_s (i32.shr_u (local.get $b) (i32.const 6))))
            (f64.const 0x1p-53)))
          (if (local.get $mask)
            (then (local.set $d (f64.convert_i32_u (f64.lt (local.get $d) (local.get $threshold))))))
          (f64.store (local.get $out) (local.get $d))
          (local.set $out (i32.add (local.get $out) (i32.const 8)))))
      (br $refill)))
    (local.get $pos)))
