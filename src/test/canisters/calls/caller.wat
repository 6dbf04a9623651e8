;; A canister that calls other canisters for the inter-canister call tests.
;; Update argument (raw bytes, not Candid), a call spec: [n][callee: n bytes][m][method: m bytes][payload...]
;; (n = 0 names the management canister aaaaa-aa). Every method answers from a callback.
;; call_two takes [k][first spec: k bytes][second spec].
(module
  (import "ic0" "msg_arg_data_size" (func $arg_size (result i32)))
  (import "ic0" "msg_arg_data_copy" (func $arg_copy (param i32 i32 i32)))
  (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
  (import "ic0" "msg_reply" (func $reply))
  (import "ic0" "msg_reject_code" (func $reject_code (result i32)))
  (import "ic0" "msg_reject_msg_size" (func $reject_msg_size (result i32)))
  (import "ic0" "msg_reject_msg_copy" (func $reject_msg_copy (param i32 i32 i32)))
  (import "ic0" "msg_cycles_refunded128" (func $refunded128 (param i32)))
  (import "ic0" "call_new" (func $call_new (param i32 i32 i32 i32 i32 i32 i32 i32)))
  (import "ic0" "call_data_append" (func $call_data_append (param i32 i32)))
  (import "ic0" "call_on_cleanup" (func $call_on_cleanup (param i32 i32)))
  (import "ic0" "call_cycles_add128" (func $call_cycles_add128 (param i64 i64)))
  (import "ic0" "call_perform" (func $call_perform (result i32)))
  (import "ic0" "trap" (func $trap (param i32 i32)))
  (import "ic0" "canister_status" (func $canister_status (result i32)))
  (memory 1)
  (table 5 funcref)
  (elem (i32.const 0) $on_reply $on_reject $on_reply_trap $on_cleanup $on_reply_refund)
  ;; 100: i32 set by the trapping callback (rolled back); 104: i32 cleanup runs (kept)
  (data (i32.const 300) "caller callback traps")
  (data (i32.const 340) "caller traps after calling")

  (func $arg_end (result i32)
    (local $size i32)
    (local.set $size (call $arg_size))
    (call $arg_copy (i32.const 1024) (i32.const 0) (local.get $size))
    (i32.add (i32.const 1024) (local.get $size)))

  (func $payload_start (result i32) (call $payload_at (i32.const 1024)))

  (func $payload_at (param $spec i32) (result i32)
    (local $n i32)
    (local.set $n (i32.load8_u (local.get $spec)))
    (i32.add (i32.add (i32.add (local.get $spec) (i32.const 2)) (local.get $n))
             (i32.load8_u (i32.add (i32.add (local.get $spec) (i32.const 1)) (local.get $n)))))

  (func $begin (param $reply_fun i32) (param $reply_env i32)
    (call $begin_at (i32.const 1024) (local.get $reply_fun) (local.get $reply_env)))

  ;; call_new for the callee and method of the spec at $spec, reject callback $on_reject
  (func $begin_at (param $spec i32) (param $reply_fun i32) (param $reply_env i32)
    (local $n i32)
    (local.set $n (i32.load8_u (local.get $spec)))
    (call $call_new
      (i32.add (local.get $spec) (i32.const 1)) (local.get $n)
      (i32.add (i32.add (local.get $spec) (i32.const 2)) (local.get $n))
      (i32.load8_u (i32.add (i32.add (local.get $spec) (i32.const 1)) (local.get $n)))
      (local.get $reply_fun) (local.get $reply_env) (i32.const 1) (i32.const 0)))

  (func $perform
    (if (i32.ne (call $call_perform) (i32.const 0)) (then unreachable)))

  ;; one call with the whole payload; answers with the callee's reply
  (func (export "canister_update call")
    (local $end i32)
    (local.set $end (call $arg_end))
    (call $begin (i32.const 0) (i32.const 1))
    (call $call_data_append (call $payload_start) (i32.sub (local.get $end) (call $payload_start)))
    (call $perform))

  ;; like call, but the answer starts with this canister's ic0.canister_status when the reply arrives
  (func (export "canister_update call_report_status")
    (local $end i32)
    (local.set $end (call $arg_end))
    (call $begin (i32.const 0) (i32.const 2))
    (call $call_data_append (call $payload_start) (i32.sub (local.get $end) (call $payload_start)))
    (call $perform))

  ;; two calls made in one message; answers with the first reply followed by the second
  (func (export "canister_update call_two")
    (local $end i32) (local $second i32)
    (local.set $end (call $arg_end))
    (local.set $second (i32.add (i32.const 1025) (i32.load8_u (i32.const 1024))))
    (call $begin_at (i32.const 1025) (i32.const 0) (i32.const 3))
    (call $call_data_append (call $payload_at (i32.const 1025))
      (i32.sub (local.get $second) (call $payload_at (i32.const 1025))))
    (call $perform)
    (call $begin_at (local.get $second) (i32.const 0) (i32.const 1))
    (call $call_data_append (call $payload_at (local.get $second))
      (i32.sub (local.get $end) (call $payload_at (local.get $second))))
    (call $perform))

  ;; one call per payload byte, all made in this message; answers when the last one's reply arrives
  (func (export "canister_update call_each_byte")
    (local $end i32) (local $p i32)
    (local.set $end (call $arg_end))
    (local.set $p (call $payload_start))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (call $begin (i32.const 0) (i32.eq (i32.add (local.get $p) (i32.const 1)) (local.get $end)))
        (call $call_data_append (local.get $p) (i32.const 1))
        (call $perform)
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $next))))

  ;; makes the call, then traps: the call must never be sent
  (func (export "canister_update call_then_trap")
    (local $end i32)
    (local.set $end (call $arg_end))
    (call $begin (i32.const 0) (i32.const 1))
    (call $call_data_append (call $payload_start) (i32.sub (local.get $end) (call $payload_start)))
    (call $perform)
    (call $trap (i32.const 340) (i32.const 26)))

  ;; the reply callback traps; the cleanup callback runs
  (func (export "canister_update call_trapping_callback")
    (local $end i32)
    (local.set $end (call $arg_end))
    (call $begin (i32.const 2) (i32.const 0))
    (call $call_data_append (call $payload_start) (i32.sub (local.get $end) (call $payload_start)))
    (call $call_on_cleanup (i32.const 3) (i32.const 0))
    (call $perform))

  ;; attaches 5000 cycles; answers with the refund (16 bytes, little endian)
  (func (export "canister_update call_with_cycles")
    (local $end i32)
    (local.set $end (call $arg_end))
    (call $begin (i32.const 4) (i32.const 0))
    (call $call_data_append (call $payload_start) (i32.sub (local.get $end) (call $payload_start)))
    (call $call_cycles_add128 (i64.const 0) (i64.const 5000))
    (call $perform))

  (func (export "canister_query markers")
    (call $append (i32.const 100) (i32.const 8))
    (call $reply))

  ;; env 0: ignore the reply; env 3: keep it for the answer (at 12288, length at 12284);
  ;; env 1: answer with the kept reply (if any) and this one; env 2: the same, after ic0.canister_status
  (func $on_reply (param $env i32)
    (local $size i32)
    (if (i32.eqz (local.get $env)) (then (return)))
    (local.set $size (call $arg_size))
    (if (i32.eq (local.get $env) (i32.const 3))
      (then
        (call $arg_copy (i32.const 12288) (i32.const 0) (local.get $size))
        (i32.store (i32.const 12284) (local.get $size))
        (return)))
    (if (i32.eq (local.get $env) (i32.const 2))
      (then
        (i32.store8 (i32.const 8191) (call $canister_status))
        (call $append (i32.const 8191) (i32.const 1))))
    (call $append (i32.const 12288) (i32.load (i32.const 12284)))
    (i32.store (i32.const 12284) (i32.const 0))
    (call $arg_copy (i32.const 8192) (i32.const 0) (local.get $size))
    (call $append (i32.const 8192) (local.get $size))
    (call $reply))

  ;; answers (as a reply) with [reject code][reject message]
  (func $on_reject (param $env i32)
    (local $size i32)
    (i32.store8 (i32.const 8191) (call $reject_code))
    (local.set $size (call $reject_msg_size))
    (call $reject_msg_copy (i32.const 8192) (i32.const 0) (local.get $size))
    (call $append (i32.const 8191) (i32.add (local.get $size) (i32.const 1)))
    (call $reply))

  (func $on_reply_trap (param $env i32)
    (i32.store (i32.const 100) (i32.const 1))
    (call $trap (i32.const 300) (i32.const 21)))

  (func $on_cleanup (param $env i32)
    (i32.store (i32.const 104) (i32.add (i32.load (i32.const 104)) (i32.const 1))))

  (func $on_reply_refund (param $env i32)
    (call $refunded128 (i32.const 200))
    (call $append (i32.const 200) (i32.const 16))
    (call $reply)))
