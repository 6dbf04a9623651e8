package io.github.icmaven.core.ic;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RejectTextsTest {
    @Test
    void readsIc4jReplicaErrorText() {
        RejectTexts.ParsedReject parsed = RejectTexts.parse("The Replica returned an error: code 5, message: \"Only the "
                + "controllers of the canister lxzze-o7777-77777-aaaaa-cai can control it.\nError code: IC0512\"");
        assertEquals(Optional.of(5), parsed.rejectCode());
        assertEquals(Optional.of("IC0512"), parsed.errorCode());
        assertEquals("Only the controllers of the canister lxzze-o7777-77777-aaaaa-cai can control it.\nError code: IC0512",
                parsed.message());
    }

    @Test
    void readsRejectCodeNamesAsIc4jWritesThemForQueries() {
        RejectTexts.ParsedReject parsed = RejectTexts.parse(
                "The Replica returned an error: code CanisterError, message: \"Error from Canister x: trapped\"");
        assertEquals(Optional.of(5), parsed.rejectCode());
        assertEquals("Error from Canister x: trapped", parsed.message());
        assertEquals(Optional.of(3), RejectTexts.parse(
                "The Replica returned an error: code DestinationInvalid, message: \"Canister x not found\"").rejectCode());
    }

    @Test
    void infersTheCodeFromWellKnownPhrasesWhenTheTextNamesNone() {
        assertEquals(Optional.of("IC0512"), RejectTexts.findErrorCode(
                "Only the controllers of the canister lxzze-o7777-77777-aaaaa-cai can control it. Canister's controllers: x"));
        assertEquals(Optional.of("IC0301"), RejectTexts.findErrorCode("Canister lxzze-o7777-77777-aaaaa-cai not found"));
        assertEquals(Optional.of("IC0508"), RejectTexts.findErrorCode("Canister lxzze-o7777-77777-aaaaa-cai is stopped"));
        assertEquals(Optional.of("IC0406"), RejectTexts.findErrorCode(
                "Canister X has reached the maximum number of snapshots allowed: 10."));
    }

    @Test
    void prefersALabelledCodeAndOneMatchingTheRejectCode() {
        assertEquals(Optional.of("IC0503"), RejectTexts.findErrorCode(
                "Canister trapped: user said IC0406. error_code: IC0503", Optional.of(5)));
        assertEquals(Optional.of("IC0503"), RejectTexts.findErrorCode("user text IC0406 then IC0503", Optional.of(5)));
        assertEquals(Optional.of("IC0406"), RejectTexts.findErrorCode("user text IC0406 then IC0503", Optional.empty()));
    }

    @Test
    void plainTextHasNoRejectCode() {
        RejectTexts.ParsedReject parsed = RejectTexts.parse("Something odd happened");
        assertEquals(Optional.empty(), parsed.rejectCode());
        assertEquals(Optional.empty(), parsed.errorCode());
        assertEquals("Something odd happened", parsed.message());
    }
}
