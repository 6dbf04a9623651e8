// Test fixture: an incompatible upgrade of counter.mo. The stable field `counter` changes type
// (Nat64 -> Text), so Motoko's runtime traps when an upgrade with `wasm_memory_persistence = opt keep`
// finds the old Nat64 counter in main memory.
persistent actor Counter {
  var counter : Text = "";

  public func inc() : async Nat64 {
    counter #= "+";
    0
  };

  public query func get() : async Nat64 {
    0
  };

  public query func version() : async Text {
    "mo-v3"
  };
};
