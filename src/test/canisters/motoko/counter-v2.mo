// Test fixture: a Motoko counter with enhanced orthogonal persistence (version 2, same stable state as counter.mo).
// `persistent actor` makes every `var` stable; the counter is kept from counter.mo.
persistent actor Counter {
  var counter : Nat64 = 0;

  public func inc() : async Nat64 {
    counter += 1;
    counter
  };

  public query func get() : async Nat64 {
    counter
  };

  public query func version() : async Text {
    "mo-v2"
  };
};
