package io.github.icmaven.replica.state;

import io.github.icmaven.ic.Principal;
import java.util.List;

/** Who may see logs, snapshots or status: the variants controllers / public / allowed_viewers. */
public record Visibility(Kind kind, List<Principal> allowedViewers) {
    public enum Kind { CONTROLLERS, PUBLIC, ALLOWED_VIEWERS }

    public static final Visibility CONTROLLERS = new Visibility(Kind.CONTROLLERS, List.of());
    public static final Visibility PUBLIC = new Visibility(Kind.PUBLIC, List.of());

    public Visibility {
        allowedViewers = List.copyOf(allowedViewers);
    }

    public static Visibility allowedViewers(List<Principal> viewers) {
        return new Visibility(Kind.ALLOWED_VIEWERS, viewers);
    }

    /** Whether a principal that is not a controller may see the guarded data. */
    public boolean admitsNonController(Principal caller) {
        return switch (kind) {
            case CONTROLLERS -> false;
            case PUBLIC -> true;
            case ALLOWED_VIEWERS -> allowedViewers.contains(caller);
        };
    }
}
