;; The callee of the inter-canister call tests, and the certified-data / root-key canister.
;; Memory: 0 i64 calls counted by echo; 8 i32 log length; 16.. log bytes; 4096.. argument scratch.
(module
  (import "ic0" "msg_arg_data_size" (func $arg_size (result i32)))
  (import "ic0" "msg_arg_data_copy" (func $arg_copy (param i32 i32 i32)))
  (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
  (import "ic0" "msg_reply" (func $reply))
  (import "ic0" "msg_reject" (func $reject (param i32 i32)))
  (import "ic0" "msg_cycles_accept128" (func $accept128 (param i64 i64 i32)))
  (import "ic0" "certified_data_set" (func $certified_data_set (param i32 i32)))
  (import "ic0" "data_certificate_present" (func $certificate_present (result i32)))
  (import "ic0" "data_certificate_size" (func $certificate_size (result i32)))
  (import "ic0" "data_certificate_copy" (func $certificate_copy (param i32 i32 i32)))
  (import "ic0" "root_key_size" (func $root_key_size (result i32)))
  (import "ic0" "root_key_copy" (func $root_key_copy (param i32 i32 i32)))
  (import "ic0" "cycles_burn128" (func $burn128 (param i64 i64 i32)))
  (import "ic0" "trap" (func $trap (param i32 i32)))
  (memory 1)
  (data (i32.const 1000) "callee says no")
  (data (i32.const 1020) "callee trapped")
  (data (i32.const 1040) "none")

  (func $copy_arg (result i32)
    (local $size i32)
    (local.set $size (call $arg_size))
    (call $arg_copy (i32.const 4096) (i32.const 0) (local.get $size))
    (local.get $size))

  (func (export "canister_update echo")
    (local $size i32)
    (i64.store (i32.const 0) (i64.add (i64.load (i32.const 0)) (i64.const 1)))
    (local.set $size (call $copy_arg))
    (call $append (i32.const 4096) (local.get $size))
    (call $reply))

  (func (export "canister_update reject")
    (call $reject (i32.const 1000) (i32.const 14)))

  (func (export "canister_update trap")
    (i64.store (i32.const 0) (i64.add (i64.load (i32.const 0)) (i64.const 1)))
    (call $trap (i32.const 1020) (i32.const 14)))

  (func (export "canister_update append")
    (drop (call $copy_arg))
    (i32.store8 (i32.add (i32.const 16) (i32.load (i32.const 8))) (i32.load8_u (i32.const 4096)))
    (i32.store (i32.const 8) (i32.add (i32.load (i32.const 8)) (i32.const 1)))
    (call $reply))

  (func (export "canister_update accept")
    (call $accept128 (i64.const 0) (i64.const 1000) (i32.const 200))
    (call $reply))

  (func (export "canister_query count")
    (call $append (i32.const 0) (i32.const 8))
    (call $reply))

  (func (export "canister_query log")
    (call $append (i32.const 16) (i32.load (i32.const 8)))
    (call $reply))

  (func (export "canister_update set_certified")
    (call $certified_data_set (i32.const 4096) (call $copy_arg))
    (call $reply))

  ;; the data certificate, or "none" when there is none
  (func (export "canister_query certificate")
    (local $size i32)
    (if (call $certificate_present)
      (then
        (local.set $size (call $certificate_size))
        (call $certificate_copy (i32.const 8192) (i32.const 0) (local.get $size))
        (call $append (i32.const 8192) (local.get $size)))
      (else (call $append (i32.const 1040) (i32.const 4))))
    (call $reply))

  (func (export "canister_update root_key")
    (local $size i32)
    (local.set $size (call $root_key_size))
    (call $root_key_copy (i32.const 8192) (i32.const 0) (local.get $size))
    (call $append (i32.const 8192) (local.get $size))
    (call $reply))

  (func (export "canister_query root_key_in_query")
    (drop (call $root_key_size))
    (call $reply))

  (func (export "canister_update burn")
    (call $burn128 (i64.const 0) (i64.const 1) (i32.const 200))
    (call $reply)))
