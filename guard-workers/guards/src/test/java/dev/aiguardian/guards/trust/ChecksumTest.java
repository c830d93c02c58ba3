package dev.aiguardian.guards.trust;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.aiguardian.guards.trust.pii.Iban;
import dev.aiguardian.guards.trust.pii.IpAddresses;
import dev.aiguardian.guards.trust.pii.Luhn;
import dev.aiguardian.guards.trust.pii.NationalIds;
import dev.aiguardian.guards.trust.pii.Ssn;
import dev.aiguardian.guards.trust.secrets.Entropy;

/** Each checksum and validity rule on known-good and known-bad values. */
class ChecksumTest {

    @Test
    void luhnAcceptsValidCardNumbersAndRejectsOneDigitChanges() {
        assertThat(Luhn.valid("4111111111111111")).isTrue();
        assertThat(Luhn.valid("4111 1111 1111 1111")).isTrue();
        assertThat(Luhn.valid("378282246310005")).isTrue();
        assertThat(Luhn.valid("79927398713")).isTrue(); // the textbook example
        assertThat(Luhn.valid("4111111111111112")).isFalse();
        assertThat(Luhn.valid("79927398710")).isFalse();
        assertThat(Luhn.valid("7")).isFalse();
    }

    @Test
    void cardBrandNeedsARealIssuerPrefixAndLength() {
        assertThat(Luhn.brand("4111111111111111")).isEqualTo("Visa");
        assertThat(Luhn.brand("5555555555554444")).isEqualTo("Mastercard");
        assertThat(Luhn.brand("2223003122003222")).isEqualTo("Mastercard");
        assertThat(Luhn.brand("378282246310005")).isEqualTo("American Express");
        assertThat(Luhn.brand("6011111111111117")).isEqualTo("Discover");
        assertThat(Luhn.brand("9783161484100")).isNull(); // an ISBN-13
        assertThat(Luhn.brand("41111111111111")).isNull(); // Visa prefix, impossible length
    }

    @Test
    void ibanMod97AndCountryLength() {
        assertThat(Iban.valid("GB82WEST12345698765432")).isTrue();
        assertThat(Iban.valid("DE89370400440532013000")).isTrue();
        assertThat(Iban.valid("FR1420041010050500013M02606")).isTrue();
        assertThat(Iban.valid("NL91ABNA0417164300")).isTrue();
        assertThat(Iban.valid("GB82WEST12345698765433")).isFalse(); // last digit changed
        assertThat(Iban.valid("GB28WEST12345698765432")).isFalse(); // check digits swapped
        assertThat(Iban.valid("DE8937040044053201300")).isFalse(); // one char short for DE
        assertThat(Iban.valid("US12345678901234567890")).isFalse(); // no IBAN country
        assertThat(Iban.length("NO")).isEqualTo(15);
    }

    @Test
    void ssnExcludesNeverIssuedRanges() {
        assertThat(Ssn.valid("536221908")).isTrue();
        assertThat(Ssn.valid("000123456")).isFalse();
        assertThat(Ssn.valid("666451234")).isFalse();
        assertThat(Ssn.valid("900123456")).isFalse();
        assertThat(Ssn.valid("536001908")).isFalse(); // group 00
        assertThat(Ssn.valid("536220000")).isFalse(); // serial 0000
        assertThat(Ssn.valid("078051120")).isFalse(); // the Woolworth wallet card
        assertThat(Ssn.valid("12345678")).isFalse();
    }

    @Test
    void ipv4ParsingIsStrict() {
        assertThat(IpAddresses.parseV4("185.220.101.4")).containsExactly(185, 220, 101, 4);
        assertThat(IpAddresses.parseV4("256.1.1.1")).isNull();
        assertThat(IpAddresses.parseV4("1.2.3")).isNull();
        assertThat(IpAddresses.parseV4("01.2.3.4")).isNull();
        assertThat(IpAddresses.parseV4("1.2.3.4.5")).isNull();
        assertThat(IpAddresses.isPrivateV4(IpAddresses.parseV4("192.168.1.1"))).isTrue();
        assertThat(IpAddresses.isPrivateV4(IpAddresses.parseV4("172.20.0.1"))).isTrue();
        assertThat(IpAddresses.isPrivateV4(IpAddresses.parseV4("172.32.0.1"))).isFalse();
        assertThat(IpAddresses.isLocalV4(IpAddresses.parseV4("127.0.0.1"))).isTrue();
    }

    @Test
    void ipv6ParsingIsStrict() {
        assertThat(IpAddresses.isV6("2001:db8:85a3::8a2e:370:7334")).isTrue();
        assertThat(IpAddresses.isV6("2001:0db8:85a3:0000:0000:8a2e:0370:7334")).isTrue();
        assertThat(IpAddresses.isV6("::ffff:192.0.2.128")).isTrue();
        assertThat(IpAddresses.isV6("fe80::1")).isTrue();
        assertThat(IpAddresses.isV6("12:30:45")).isFalse();
        assertThat(IpAddresses.isV6("2001:db8::85a3::1")).isFalse();
        assertThat(IpAddresses.isV6("2001:db8:85a3:0:0:8a2e:370:7334:1")).isFalse();
        assertThat(IpAddresses.isV6("12345::1")).isFalse();
    }

    @Test
    void shannonEntropySeparatesRandomKeysFromWords() {
        assertThat(Entropy.shannon("aaaaaaaa")).isZero();
        assertThat(Entropy.shannon("abcd")).isEqualTo(2.0);
        String key = "Zr8Jk2mLq9Xw4Vb7Nc1Pd5Ft3Gh6Jk8Lm0Qs2Rt4";
        String identifier = "ThisIsAVeryLongCamelCaseIdentifierName";
        assertThat(Entropy.shannon(key)).isGreaterThan(Entropy.threshold(key.length()));
        assertThat(Entropy.shannon(identifier)).isLessThan(Entropy.threshold(identifier.length()));
    }

    @Test
    void nationalIdsHoldTheirPublishedCheckDigits() {
        // the examples each scheme's own documentation uses, and one changed digit or letter
        assertThat(NationalIds.nhs("9434765919")).isTrue();
        assertThat(NationalIds.nhs("9434765918")).isFalse();
        assertThat(NationalIds.hetu("131052-308T")).isTrue();
        assertThat(NationalIds.hetu("131052-308U")).isFalse();
        assertThat(NationalIds.sin("130692544")).isTrue();
        assertThat(NationalIds.sin("046454286")).isFalse(); // Luhn holds, but 0 is never a first digit
        assertThat(NationalIds.sin("130692545")).isFalse();
        assertThat(NationalIds.codiceFiscale("RSSMRA85T10A562S")).isTrue();
        assertThat(NationalIds.codiceFiscale("RSSMRA85T10A562T")).isFalse();
        assertThat(NationalIds.dni("12345678Z")).isTrue();
        assertThat(NationalIds.dni("12345678A")).isFalse();
        assertThat(NationalIds.nie("X1234567L")).isTrue();
        assertThat(NationalIds.pesel("44051401359")).isTrue();
        assertThat(NationalIds.pesel("44051401358")).isFalse();
        assertThat(NationalIds.aadhaar("234123412346")).isTrue();
        assertThat(NationalIds.aadhaar("234123412347")).isFalse();
        assertThat(NationalIds.aadhaar("123412341234")).isFalse(); // never starts with 0 or 1
        assertThat(NationalIds.tfn("123456782")).isTrue();
        assertThat(NationalIds.bsn("111222333")).isTrue();
        assertThat(NationalIds.bsn("111222334")).isFalse();
    }
}
