package io.github.icmaven.core.upgrade;

import io.github.icmaven.candid.Candid;
import io.github.icmaven.candid.CandidException;
import io.github.icmaven.candid.CandidText;
import io.github.icmaven.candid.IdlValue;
import io.github.icmaven.core.ic.IcCallException;
import io.github.icmaven.core.ic.ManagementCanisterClient;
import io.github.icmaven.ic.Principal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code preserve} queries: called before the canister is stopped and again after it is started; a reply
 * that differs means the upgrade lost or changed state (a {@code post_upgrade} that forgot to read stable
 * memory), so the upgrade fails and is rolled back, with no health method written for it.
 */
final class PreservedValues {
    /** One query: {@code counter} or {@code get_user(42 : nat)}. */
    record Query(String text, String method, byte[] arg) {}

    private final List<Query> queries;
    private final Map<Query, List<IdlValue>> before = new LinkedHashMap<>();

    private PreservedValues(List<Query> queries) {
        this.queries = queries;
    }

    /** Checks the entries before anything changes; null when there are none. */
    static PreservedValues prepare(List<String> entries) throws InputException {
        List<Query> queries = new ArrayList<>();
        for (String entry : entries) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            String text = entry.trim();
            int open = text.indexOf('(');
            String method = (open < 0 ? text : text.substring(0, open)).trim();
            String args = open < 0 ? "()" : text.substring(open).trim();
            if (method.isEmpty() || !method.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) {
                throw new InputException(ParameterName.PRESERVE, "'" + text + "' is not a query method name with an "
                        + "optional Candid argument, e.g. counter or get_user(42 : nat)");
            }
            queries.add(new Query(text, method, CandidInput.fromText(args, ParameterName.PRESERVE)));
        }
        return queries.isEmpty() ? null : new PreservedValues(queries);
    }

    String describe() {
        return String.join(", ", queries.stream().map(Query::text).toList());
    }

    /** Before the stop: remembers every reply. @return the replies, as text */
    String read(ManagementCanisterClient client, Principal canister) throws IcCallException, StepFailure {
        List<String> read = new ArrayList<>();
        for (Query query : queries) {
            List<IdlValue> reply = call(client, canister, query);
            before.put(query, reply);
            read.add(query.text() + " = " + CandidInput.abbreviate(CandidText.print(reply)));
        }
        return String.join(", ", read);
    }

    /** After the start: the same queries must give the same replies. @throws StepFailure naming each that changed */
    String compare(ManagementCanisterClient client, Principal canister) throws IcCallException, StepFailure {
        List<String> changed = new ArrayList<>();
        for (Query query : queries) {
            List<IdlValue> was = before.get(query);
            List<IdlValue> now = call(client, canister, query);
            if (!Candid.sameValues(was, now)) {
                changed.add(query.text() + " was " + CandidInput.abbreviate(CandidText.print(was)) + " before the upgrade and is "
                        + CandidInput.abbreviate(CandidText.print(now)) + " after it");
            }
        }
        if (!changed.isEmpty()) {
            throw new StepFailure("preserved values changed: " + String.join("; ", changed));
        }
        return queries.size() + " preserved values unchanged";
    }

    private static List<IdlValue> call(ManagementCanisterClient client, Principal canister, Query query)
            throws IcCallException, StepFailure {
        byte[] reply = client.callQuery(canister, query.method(), query.arg());
        try {
            return Candid.decode(reply);
        } catch (CandidException e) {
            throw new StepFailure("preserved value " + query.text() + " replied with bytes that are not Candid: "
                    + e.getMessage());
        }
    }
}
