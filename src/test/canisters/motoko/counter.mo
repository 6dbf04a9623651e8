// Test fixture: a Motoko counter with enhanced orthogonal persistence (version 1).
// `persistent actor` makes every `var` stable; the counter survives upgrades to counter-v2.mo.
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
    "mo-v1"
  };
};
