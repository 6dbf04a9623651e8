package io.github.icmaven.replica.execution;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The IC's names for exported entry points. */
final class EntryPoints {
    static final String INIT = "canister_init";
    static final String PRE_UPGRADE = "canister_pre_upgrade";
    static final String POST_UPGRADE = "canister_post_upgrade";
    static final String UPDATE_PREFIX = "canister_update ";
    static final String QUERY_PREFIX = "canister_query ";
    static final String COMPOSITE_QUERY_PREFIX = "canister_composite_query ";

    private EntryPoints() {}

    static Set<String> updateMethods(List<String> exportedFunctions) {
        return withPrefixes(exportedFunctions, UPDATE_PREFIX);
    }

    static Set<String> queryMethods(List<String> exportedFunctions) {
        return withPrefixes(exportedFunctions, QUERY_PREFIX, COMPOSITE_QUERY_PREFIX);
    }

    private static Set<String> withPrefixes(List<String> exportedFunctions, String... prefixes) {
        Set<String> names = new LinkedHashSet<>();
        for (String export : exportedFunctions) {
            for (String prefix : prefixes) {
                if (export.startsWith(prefix)) {
                    names.add(export.substring(prefix.length()));
                }
            }
        }
        return Collections.unmodifiableSet(names);
    }
}
