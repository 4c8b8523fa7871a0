package org.negotiatetcp.mechanism.kerberos.crypto;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * RFC 8009 Appendix A: key derivation (Ke, Ki, Kc for key usage 2), encryption with the given confounders and the
 * checksums, for aes128-cts-hmac-sha256-128 and aes256-cts-hmac-sha384-192.
 */
class Rfc8009VectorsTests {

	private static final String AES128_BASE = "3705D96080C17728A0E800EAB6E0D23C";

	private static final String AES256_BASE = "6D404D37FAF79F9DF0D33568D320669800EB4836472EA8A026D16B7182460C52";

	private static final String PLAIN_21 = "000102030405060708090A0B0C0D0E0F1011121314";

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"AES128_CTS_HMAC_SHA256_128|" + AES128_BASE + "|9B197DD1E8C5609D6E67C3E37C62C72E|9FDA0E56AB2D85E1569A688696C26A6C|B31A018A48F54776F403E9A396325DC3",
			"AES256_CTS_HMAC_SHA384_192|" + AES256_BASE + "|56AB22BEE63D82D7BC5227F6773F8EA7A5EB1C825160C38312980C442E5C7E49|69B16514E3CD8E56B82010D5C73012B622C4D00FFC23ED1F|EF5718BE86CC84963D8BBB5031E9F5C4BA41F28FAF69E73D" })
	void derivesTheKeysOfAppendixA(EncryptionType type, String base, String ke, String ki, String kc) {
		byte[] key = Hex.bytes(base);
		assertThat(KeyDerivation.derive(type, key, 2, KeyDerivation.ENCRYPTION)).isEqualTo(Hex.bytes(ke));
		assertThat(KeyDerivation.derive(type, key, 2, KeyDerivation.INTEGRITY)).isEqualTo(Hex.bytes(ki));
		assertThat(KeyDerivation.derive(type, key, 2, KeyDerivation.CHECKSUM)).isEqualTo(Hex.bytes(kc));
	}

	@ParameterizedTest(name = "{0}, {1} bytes")
	@CsvSource(delimiter = '|', value = {
			"AES128_CTS_HMAC_SHA256_128|" + AES128_BASE + "||7E5895EAF2672435BAD817F545A37148|EF85FB890BB8472F4DAB20394DCA781DAD877EDA39D50C870C0D5A0A8E48C718",
			"AES128_CTS_HMAC_SHA256_128|" + AES128_BASE + "|000102030405|7BCA285E2FD4130FB55B1A5C83BC5B24|84D7F30754ED987BAB0BF3506BEB09CFB55402CEF7E6877CE99E247E52D16ED4421DFDF8976C",
			"AES128_CTS_HMAC_SHA256_128|" + AES128_BASE + "|000102030405060708090A0B0C0D0E0F|56AB21713FF62C0A1457200F6FA9948F|3517D640F50DDC8AD3628722B3569D2AE07493FA8263254080EA65C1008E8FC295FB4852E7D83E1E7C48C37EEBE6B0D3",
			"AES128_CTS_HMAC_SHA256_128|" + AES128_BASE + "|" + PLAIN_21 + "|A7A4E29A4728CE10664FB64E49AD3FAC|720F73B18D9859CD6CCB4346115CD336C70F58EDC0C4437C5573544C31C813BCE1E6D072C186B39A413C2F92CA9B8334A287FFCBFC",
			"AES256_CTS_HMAC_SHA384_192|" + AES256_BASE + "||F764E9FA15C276478B2C7D0C4E5F58E4|41F53FA5BFE7026D91FAF9BE959195A058707273A96A40F0A01960621AC612748B9BBFBE7EB4CE3C",
			"AES256_CTS_HMAC_SHA384_192|" + AES256_BASE + "|000102030405|B80D3251C1F6471494256FFE712D0B9A|4ED7B37C2BCAC8F74F23C1CF07E62BC7B75FB3F637B9F559C7F664F69EAB7B6092237526EA0D1F61CB20D69D10F2",
			"AES256_CTS_HMAC_SHA384_192|" + AES256_BASE + "|000102030405060708090A0B0C0D0E0F|53BF8A0D105265D4E276428624CE5E63|BC47FFEC7998EB91E8115CF8D19DAC4BBBE2E163E87DD37F49BECA92027764F68CF51F14D798C2273F35DF574D1F932E40C4FF255B36A266",
			"AES256_CTS_HMAC_SHA384_192|" + AES256_BASE + "|" + PLAIN_21 + "|763E65367E864F02F55153C7E3B58AF1|40013E2DF58E8751957D2878BCD2D6FE101CCFD556CB1EAE79DB3C3EE86429F2B2A602AC86FEF6ECB647D6295FAE077A1FEB517508D2C16B4192E01F62" })
	void encryptsWithTheConfoundersOfAppendixA(EncryptionType type, String base, String plain, String confounder,
			String expected) {
		byte[] plaintext = (plain != null) ? Hex.bytes(plain) : new byte[0];
		KeyUsageCipher cipher = KeyUsageCipher.create(type, Hex.bytes(base), 2);
		byte[] buffer = new byte[16 + plaintext.length + type.checksumLength()];
		System.arraycopy(plaintext, 0, buffer, 16, plaintext.length);
		int length = cipher.encrypt(Hex.bytes(confounder), buffer, 0, plaintext.length);
		assertThat(buffer).hasSize(length).isEqualTo(Hex.bytes(expected));
		assertThat(cipher.decrypt(buffer, 0, length)).isEqualTo(plaintext.length);
		byte[] decrypted = new byte[plaintext.length];
		System.arraycopy(buffer, 16, decrypted, 0, plaintext.length);
		assertThat(decrypted).isEqualTo(plaintext);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"AES128_CTS_HMAC_SHA256_128|" + AES128_BASE + "|D78367186643D67B411CBA9139FC1DEE",
			"AES256_CTS_HMAC_SHA384_192|" + AES256_BASE + "|45EE791567EEFCA37F4AC1E0222DE80D43C3BFA06699672A" })
	void checksumsAsAppendixA(EncryptionType type, String base, String expected) {
		KeyUsageChecksum checksum = KeyUsageChecksum.create(type, Hex.bytes(base), 2);
		byte[] data = Hex.bytes(PLAIN_21);
		byte[] out = new byte[checksum.length()];
		checksum.compute(data, 0, 10, data, 10, data.length - 10, out, 0);
		assertThat(out).isEqualTo(Hex.bytes(expected));
		assertThat(checksum.verify(data, 0, data.length, data, 0, 0, out, 0)).isTrue();
		data[3] ^= 1;
		assertThat(checksum.verify(data, 0, data.length, data, 0, 0, out, 0)).isFalse();
	}

	@ParameterizedTest
	@EnumSource(names = { "AES128_CTS_HMAC_SHA256_128", "AES256_CTS_HMAC_SHA384_192" })
	void aTamperedCiphertextIsRefusedBeforeDecryption(EncryptionType type) {
		KeyUsageCipher cipher = KeyUsageCipher.create(type, new byte[type.keyLength()], 22);
		byte[] buffer = new byte[16 + 40 + cipher.overhead()];
		int length = cipher.encrypt(buffer, 0, 40);
		buffer[20] ^= (byte) 0x80;
		assertThatExceptionOfType(PerMessageTokenException.class).isThrownBy(() -> cipher.decrypt(buffer, 0, length))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(PerMessageTokenException.Kind.INTEGRITY));
		assertThatExceptionOfType(PerMessageTokenException.class).isThrownBy(() -> cipher.decrypt(buffer, 0, 20))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(PerMessageTokenException.Kind.MALFORMED));
	}

}
