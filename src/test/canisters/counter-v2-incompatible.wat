;; counter v2 with an interface that breaks v1's clients: set takes an int64, inc_in_query is gone
;; (the counter still survives in stable memory).
;; A counter canister for the ic-maven-plugin tests. Replies are Candid-encoded so real agents can call it.
;; Heap layout: 0x100 counter (nat64), 0x1000 argument buffer, 0x2000 reply buffer,
;; 0x3000 constant replies, 0x10000 one 64 KiB page of scratch for stable-memory work.
;; Stable memory: page 0 holds the counter across upgrades; pages 1.. hold the fill_stable pattern.
(module
  (import "ic0" "msg_arg_data_size" (func $arg_size (result i32)))
  (import "ic0" "msg_arg_data_copy" (func $arg_copy (param i32 i32 i32)))
  (import "ic0" "msg_reply_data_append" (func $reply_append (param i32 i32)))
  (import "ic0" "msg_reply" (func $reply))
  (import "ic0" "trap" (func $trap (param i32 i32)))
  (import "ic0" "stable64_size" (func $stable_size (result i64)))
  (import "ic0" "stable64_grow" (func $stable_grow (param i64) (result i64)))
  (import "ic0" "stable64_read" (func $stable_read (param i64 i64 i64)))
  (import "ic0" "stable64_write" (func $stable_write (param i64 i64 i64)))

  (memory 2)

  (global $COUNTER i32 (i32.const 0x100))
  (global $ARG i32 (i32.const 0x1000))
  (global $REPLY i32 (i32.const 0x2000))
  (global $SCRATCH i32 (i32.const 0x10000))
  (global $PAGE i64 (i64.const 65536))

  ;; Candid replies: () ; (text "v2") ; (text "ok") ; nat64 header
  (data (i32.const 0x3000) "DIDL\00\00")
  (data (i32.const 0x3010) "DIDL\00\01\71\02v2")
  (data (i32.const 0x3030) "DIDL\00\01\71\02ok")
  (data (i32.const 0x3050) "DIDL\00\01\78")
  (data (i32.const 0x3100) "expected a Candid nat64 argument")
  (data (i32.const 0x3130) "expected a Candid nat32 argument")
  (data (i32.const 0x3160) "stable memory cannot grow")
  (data (i32.const 0x3180) "inc_then_trap traps on purpose")

  (func $reply_empty
    (call $reply_append (i32.const 0x3000) (i32.const 6))
    (call $reply))

  (func $reply_nat64 (param $value i64)
    (call $reply_append (i32.const 0x3050) (i32.const 7))
    (i64.store (global.get $REPLY) (local.get $value))
    (call $reply_append (global.get $REPLY) (i32.const 8))
    (call $reply))

  ;; Reads the fixed-offset value of a one-value Candid argument (DIDL 00 01 <type> <value>).
  (func $read_arg (param $type i32) (param $width i32) (param $error i32) (param $error_len i32)
    (local $size i32)
    (local.set $size (call $arg_size))
    (if (i32.lt_u (local.get $size) (i32.add (i32.const 7) (local.get $width)))
      (then (call $trap (local.get $error) (local.get $error_len))))
    (call $arg_copy (global.get $ARG) (i32.const 0) (i32.add (i32.const 7) (local.get $width)))
    (if (i32.ne (i32.load8_u (i32.add (global.get $ARG) (i32.const 6))) (local.get $type))
      (then (call $trap (local.get $error) (local.get $error_len)))))

  (func $ensure_stable_pages (param $pages i64)
    (local $current i64)
    (local.set $current (call $stable_size))
    (if (i64.lt_u (local.get $current) (local.get $pages))
      (then
        (if (i64.lt_s (call $stable_grow (i64.sub (local.get $pages) (local.get $current))) (i64.const 0))
          (then (call $trap (i32.const 0x3160) (i32.const 25)))))))

  (func $load_counter_from_stable
    (if (i64.gt_u (call $stable_size) (i64.const 0))
      (then (call $stable_read (i64.extend_i32_u (global.get $COUNTER)) (i64.const 0) (i64.const 8)))
      (else (i64.store (global.get $COUNTER) (i64.const 0)))))

  (func $init (export "canister_init")
    (i64.store (global.get $COUNTER) (i64.const 0)))

  (func $pre_upgrade (export "canister_pre_upgrade")
    (call $ensure_stable_pages (i64.const 1))
    (call $stable_write (i64.const 0) (i64.extend_i32_u (global.get $COUNTER)) (i64.const 8)))

  (func $post_upgrade (export "canister_post_upgrade")
    (call $load_counter_from_stable))

  (func $inc (export "canister_update inc")
    (i64.store (global.get $COUNTER) (i64.add (i64.load (global.get $COUNTER)) (i64.const 1)))
    (call $reply_nat64 (i64.load (global.get $COUNTER))))

  (func $get (export "canister_query get")
    (call $reply_nat64 (i64.load (global.get $COUNTER))))

  (func $set (export "canister_update set")
    (call $read_arg (i32.const 0x74) (i32.const 8) (i32.const 0x3100) (i32.const 32))
    (i64.store (global.get $COUNTER) (i64.load (i32.add (global.get $ARG) (i32.const 7))))
    (call $reply_empty))

  ;; inc_then_trap : () -> () changes heap and stable memory, then traps: nothing of it may persist.
  (func $inc_then_trap (export "canister_update inc_then_trap")
    (i64.store (global.get $COUNTER) (i64.add (i64.load (global.get $COUNTER)) (i64.const 1)))
    (call $ensure_stable_pages (i64.const 1))
    (call $stable_write (i64.const 0) (i64.extend_i32_u (global.get $COUNTER)) (i64.const 8))
    (call $trap (i32.const 0x3180) (i32.const 30)))

  (func $version (export "canister_query version")
    (call $reply_append (i32.const 0x3010) (i32.const 10))
    (call $reply))

  (func $health (export "canister_query health")
    (call $reply_append (i32.const 0x3030) (i32.const 10))
    (call $reply))

  ;; The pattern word at stable byte offset $offset (a multiple of 8): offset/8 times a large odd constant.
  (func $pattern (param $offset i64) (result i64)
    (i64.mul (i64.shr_u (local.get $offset) (i64.const 3)) (i64.const 0x9E3779B97F4A7C15)))

  ;; fill_stable : (nat32) -> () grows stable memory to 1 + n pages and writes the pattern to pages 1..n.
  (func $fill_stable (export "canister_update fill_stable")
    (local $pages i64) (local $page i64) (local $base i64) (local $i i32)
    (call $read_arg (i32.const 0x79) (i32.const 4) (i32.const 0x3130) (i32.const 32))
    (local.set $pages (i64.load32_u (i32.add (global.get $ARG) (i32.const 7))))
    (call $ensure_stable_pages (i64.add (local.get $pages) (i64.const 1)))
    (local.set $page (i64.const 1))
    (block $done
      (loop $pages_loop
        (br_if $done (i64.gt_u (local.get $page) (local.get $pages)))
        (local.set $base (i64.mul (local.get $page) (global.get $PAGE)))
        (local.set $i (i32.const 0))
        (block $page_done
          (loop $words
            (br_if $page_done (i32.ge_u (local.get $i) (i32.const 65536)))
            (i64.store (i32.add (global.get $SCRATCH) (local.get $i))
              (call $pattern (i64.add (local.get $base) (i64.extend_i32_u (local.get $i)))))
            (local.set $i (i32.add (local.get $i) (i32.const 8)))
            (br $words)))
        (call $stable_write (local.get $base) (i64.extend_i32_u (global.get $SCRATCH)) (global.get $PAGE))
        (local.set $page (i64.add (local.get $page) (i64.const 1)))
        (br $pages_loop)))
    (call $reply_empty))

  ;; stable_checksum : () -> (nat64) query: c = c * 31 + word over every 8-byte word after page 0.
  (func $stable_checksum (export "canister_query stable_checksum")
    (local $pages i64) (local $page i64) (local $sum i64) (local $i i32)
    (local.set $pages (call $stable_size))
    (local.set $page (i64.const 1))
    (block $done
      (loop $pages_loop
        (br_if $done (i64.ge_u (local.get $page) (local.get $pages)))
        (call $stable_read (i64.extend_i32_u (global.get $SCRATCH)) (i64.mul (local.get $page) (global.get $PAGE))
          (global.get $PAGE))
        (local.set $i (i32.const 0))
        (block $page_done
          (loop $words
            (br_if $page_done (i32.ge_u (local.get $i) (i32.const 65536)))
            (local.set $sum (i64.add (i64.mul (local.get $sum) (i64.const 31))
              (i64.load (i32.add (global.get $SCRATCH) (local.get $i)))))
            (local.set $i (i32.add (local.get $i) (i32.const 8)))
            (br $words)))
        (local.set $page (i64.add (local.get $page) (i64.const 1)))
        (br $pages_loop)))
    (call $reply_nat64 (local.get $sum)))
)
