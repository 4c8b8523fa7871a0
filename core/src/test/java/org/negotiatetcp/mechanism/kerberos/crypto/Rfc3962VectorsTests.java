package org.negotiatetcp.mechanism.kerberos.crypto;

import java.nio.charset.StandardCharsets;

import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 3962 Appendix B: the string-to-key vectors (PBKDF2, then {@code DK(tkey, "kerberos")}, which pins n-fold, the
 * DR chain and the truncation for 128- and 256-bit keys) and the AES-CTS vectors (the JCA's {@code AES/CTS} is the
 * RFC 3962 variant, last two blocks always swapped).
 */
class Rfc3962VectorsTests {

	private static final byte[] KERBEROS = "kerberos".getBytes(StandardCharsets.US_ASCII);

	@ParameterizedTest(name = "iterations={0}")
	@CsvSource(delimiter = '|', value = {
			"1|42263c6e89f4fc28b8df68ee09799f15|fe697b52bc0d3ce14432ba036a92e65bbb52280990a2fa27883998d72af30161",
			"2|c651bf29e2300ac27fa469d693bdda13|a2e16d16b36069c135d5e9d2e25f896102685618b95914b467c67622225824ff",
			"1200|4c01cd46d632d01e6dbe230a01ed642a|55a6ac740ad17b4846941051e1e8b0a7548d93b0ab30a8bc3ff16280382b8c2a" })
	void stringToKeyDerivesTheKeysOfAppendixB(int iterations, String aes128, String aes256) throws Exception {
		assertThat(stringToKey("password", "ATHENA.MIT.EDUraeburn", iterations, 16)).isEqualTo(Hex.bytes(aes128));
		assertThat(stringToKey("password", "ATHENA.MIT.EDUraeburn", iterations, 32)).isEqualTo(Hex.bytes(aes256));
	}

	@Test
	void longPassPhrasesDeriveTheKeysOfAppendixB() throws Exception {
		assertThat(stringToKey("X".repeat(64), "pass phrase equals block size", 1200, 16))
			.isEqualTo(Hex.bytes("59d1bb789a828b1aa54ef9c2883f69ed"));
		assertThat(stringToKey("X".repeat(65), "pass phrase exceeds block size", 1200, 16))
			.isEqualTo(Hex.bytes("cb8005dc5f90179a7f02104c0018751d"));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"4920776f756c64206c696b652074686520|c6353568f2bf8cb4d8a580362da7ff7f97",
			"4920776f756c64206c696b65207468652047656e6572616c20476175277320|fc00783e0efdb2c1d445d4c8eff7ed2297687268d6ecccc0c07b25e25ecfe5",
			"4920776f756c64206c696b65207468652047656e6572616c2047617527732043|39312523a78662d5be7fcbcc98ebf5a897687268d6ecccc0c07b25e25ecfe584" })
	void aesCtsIsTheVariantOfAppendixB(String input, String output) throws Exception {
		Cipher cipher = Cipher.getInstance("AES/CTS/NoPadding");
		SecretKeySpec key = new SecretKeySpec("chicken teriyaki".getBytes(StandardCharsets.US_ASCII), "AES");
		cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(new byte[16]));
		assertThat(cipher.doFinal(Hex.bytes(input))).isEqualTo(Hex.bytes(output));
		cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(new byte[16]));
		assertThat(cipher.doFinal(Hex.bytes(output))).isEqualTo(Hex.bytes(input));
	}

	@Test
	void encryptionRoundTripsAndRefusesATamperedCiphertext() {
		for (EncryptionType type : new EncryptionType[] { EncryptionType.AES128_CTS_HMAC_SHA1_96,
				EncryptionType.AES256_CTS_HMAC_SHA1_96 }) {
			byte[] key = new byte[type.keyLength()];
			KeyUsageCipher cipher = KeyUsageCipher.create(type, key, 24);
			for (int length : new int[] { 0, 1, 15, 16, 17, 31, 32, 1000 }) {
				byte[] buffer = new byte[16 + length + cipher.overhead()];
				for (int i = 0; i < length; i++) {
					buffer[16 + i] = (byte) i;
				}
				int cipherLength = cipher.encrypt(buffer, 0, length);
				assertThat(cipherLength).isEqualTo(16 + length + type.checksumLength());
				byte[] copy = buffer.clone();
				assertThat(cipher.decrypt(buffer, 0, cipherLength)).isEqualTo(length);
				for (int i = 0; i < length; i++) {
					assertThat(buffer[16 + i]).isEqualTo((byte) i);
				}
				copy[copy.length / 2] ^= 1;
				org.assertj.core.api.Assertions
					.assertThatExceptionOfType(PerMessageTokenException.class)
					.isThrownBy(() -> cipher.decrypt(copy, 0, cipherLength))
					.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(PerMessageTokenException.Kind.INTEGRITY));
			}
		}
	}

	private static byte[] stringToKey(String password, String salt, int iterations, int length) throws Exception {
		// PBKDF2 takes the salt as bytes; the JCA's PBEKeySpec takes it as bytes too, and the password as chars
		PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), iterations,
				length * 8);
		byte[] tkey = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA1").generateSecret(spec).getEncoded();
		return KeyDerivation.dk(tkey, KERBEROS, length);
	}

}
