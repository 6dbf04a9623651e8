package io.github.icmaven.core.ic;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RejectTextsTest {
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
    void plainTextHasNoErrorCode() {
        assertEquals(Optional.empty(), RejectTexts.findErrorCode("Something odd happened"));
    }
}
