package org.negotiatetcp.soap.binary;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The characters a typed [MC-NBFX] text record stands for (the XML Schema lexical forms .NET's {@code XmlConvert}
 * writes), and the binary forms of .NET's {@code Guid}, {@code DateTime} and {@code decimal}.
 */
final class TextFormat {

	/** Ticks (100 ns) from 0001-01-01T00:00 to 1970-01-01T00:00. */
	static final long EPOCH_TICKS = 621_355_968_000_000_000L;

	static final long TICKS_PER_SECOND = 10_000_000L;

	private static final long MAX_TICKS = 3_155_378_975_999_999_999L;

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private TextFormat() {
	}

	static String doubleText(double value) {
		if (Double.isNaN(value)) {
			return "NaN";
		}
		if (Double.isInfinite(value)) {
			return (value > 0) ? "INF" : "-INF";
		}
		if (value == 0) {
			return (Double.doubleToRawLongBits(value) != 0) ? "-0" : "0";
		}
		return decimalText(new BigDecimal(Double.toString(value)), 15);
	}

	static String floatText(float value) {
		if (Float.isNaN(value)) {
			return "NaN";
		}
		if (Float.isInfinite(value)) {
			return (value > 0) ? "INF" : "-INF";
		}
		if (value == 0) {
			return (Float.floatToRawIntBits(value) != 0) ? "-0" : "0";
		}
		return decimalText(new BigDecimal(Float.toString(value)), 7);
	}

	/** The shortest form, plain for moderate exponents, else {@code d.dddE+XX} as .NET's "R" format writes it. */
	private static String decimalText(BigDecimal value, int maxPlainExponent) {
		BigDecimal stripped = value.stripTrailingZeros();
		int exponent = stripped.precision() - stripped.scale() - 1;
		if (exponent >= -5 && exponent < maxPlainExponent) {
			return stripped.toPlainString();
		}
		String digits = stripped.unscaledValue().abs().toString();
		StringBuilder text = new StringBuilder();
		if (stripped.signum() < 0) {
			text.append('-');
		}
		text.append(digits.charAt(0));
		if (digits.length() > 1) {
			text.append('.').append(digits, 1, digits.length());
		}
		text.append('E').append((exponent < 0) ? '-' : '+');
		int magnitude = Math.abs(exponent);
		if (magnitude < 10) {
			text.append('0');
		}
		return text.append(magnitude).toString();
	}

	/** .NET {@code decimal}: reserved (2), scale (1), sign (1), hi32 (4), lo64 (8), little-endian. */
	static BigDecimal decimal(byte[] b, int off, long offset) throws MalformedBinaryXmlException {
		int reserved = (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
		int scale = b[off + 2] & 0xFF;
		int sign = b[off + 3] & 0xFF;
		if (reserved != 0 || scale > 28 || (sign != 0 && sign != 0x80)) {
			throw new MalformedBinaryXmlException("DecimalText is not a .NET decimal (reserved " + reserved + ", scale "
					+ scale + ", sign 0x" + Integer.toHexString(sign) + ")", offset);
		}
		byte[] magnitude = new byte[12];
		for (int i = 0; i < 4; i++) {
			magnitude[3 - i] = b[off + 4 + i];
		}
		for (int i = 0; i < 8; i++) {
			magnitude[11 - i] = b[off + 8 + i];
		}
		BigInteger unscaled = new BigInteger(1, magnitude);
		return new BigDecimal((sign != 0) ? unscaled.negate() : unscaled, scale);
	}

	static byte[] decimalBytes(BigDecimal value) {
		BigDecimal v = value;
		if (v.scale() < 0) {
			v = v.setScale(0);
		}
		BigInteger unscaled = v.unscaledValue().abs();
		if (v.scale() > 28 || unscaled.bitLength() > 96) {
			throw new IllegalArgumentException(value + " does not fit a .NET decimal (96 bits, scale 0 to 28)");
		}
		byte[] out = new byte[16];
		out[2] = (byte) v.scale();
		out[3] = (byte) ((v.signum() < 0) ? 0x80 : 0);
		long lo = unscaled.longValue();
		int hi = unscaled.shiftRight(64).intValue();
		for (int i = 0; i < 4; i++) {
			out[4 + i] = (byte) (hi >>> (8 * i));
		}
		for (int i = 0; i < 8; i++) {
			out[8 + i] = (byte) (lo >>> (8 * i));
		}
		return out;
	}

	/**
	 * .NET {@code DateTime.ToBinary()}: 62 bits of ticks and 2 bits of kind (0 unspecified, 1 UTC, 2 local; local ticks
	 * are UTC, shown in this JVM's zone as .NET shows them in the reader's).
	 */
	static String dateTimeText(long bits, long offset) throws MalformedBinaryXmlException {
		int kind = (int) (bits >>> 62);
		long ticks = bits & 0x3FFF_FFFF_FFFF_FFFFL;
		if (kind == 3 || ticks > MAX_TICKS) {
			throw new MalformedBinaryXmlException("DateTimeText is not a .NET DateTime (kind " + kind + ", ticks " + ticks
					+ ")", offset);
		}
		long seconds = Math.floorDiv(ticks - EPOCH_TICKS, TICKS_PER_SECOND);
		int fraction = (int) Math.floorMod(ticks - EPOCH_TICKS, TICKS_PER_SECOND);
		if (kind == 2) {
			Instant instant = Instant.ofEpochSecond(seconds, fraction * 100L);
			ZoneOffset zone = ZoneId.systemDefault().getRules().getOffset(instant);
			LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
			return localText(local, fraction) + (zone.getTotalSeconds() == 0 ? "+00:00" : zone.getId());
		}
		LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, fraction * 100, ZoneOffset.UTC);
		return localText(time, fraction) + ((kind == 1) ? "Z" : "");
	}

	private static String localText(LocalDateTime time, int fraction) {
		StringBuilder text = new StringBuilder(33);
		pad(text, time.getYear(), 4).append('-');
		pad(text, time.getMonthValue(), 2).append('-');
		pad(text, time.getDayOfMonth(), 2).append('T');
		pad(text, time.getHour(), 2).append(':');
		pad(text, time.getMinute(), 2).append(':');
		pad(text, time.getSecond(), 2);
		appendFraction(text, fraction);
		return text.toString();
	}

	/** The ticks of a UTC instant, as .NET {@code DateTime.ToBinary()} with kind UTC. */
	static long dateTimeBits(Instant instant) {
		long ticks = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), TICKS_PER_SECOND),
				instant.getNano() / 100) + EPOCH_TICKS;
		if (ticks < 0 || ticks > MAX_TICKS) {
			throw new IllegalArgumentException(instant + " is outside .NET DateTime's range");
		}
		return ticks | (1L << 62);
	}

	/** .NET {@code XmlConvert.ToString(TimeSpan)}: an xs:duration such as {@code P1DT2H3M4.5S} or {@code -PT0.1S}. */
	static String timeSpanText(long ticks) {
		StringBuilder text = new StringBuilder(24);
		long magnitude = ticks;
		if (ticks < 0) {
			text.append('-');
			magnitude = -ticks; // Long.MIN_VALUE stays negative: read unsigned below
		}
		long seconds = Long.divideUnsigned(magnitude, TICKS_PER_SECOND);
		int fraction = (int) Long.remainderUnsigned(magnitude, TICKS_PER_SECOND);
		long days = seconds / 86_400;
		int hours = (int) (seconds / 3600 % 24);
		int minutes = (int) (seconds / 60 % 60);
		int secs = (int) (seconds % 60);
		text.append('P');
		if (days != 0) {
			text.append(days).append('D');
		}
		if (hours != 0 || minutes != 0 || secs != 0 || fraction != 0) {
			text.append('T');
			if (hours != 0) {
				text.append(hours).append('H');
			}
			if (minutes != 0) {
				text.append(minutes).append('M');
			}
			if (secs != 0 || fraction != 0) {
				text.append(secs);
				appendFraction(text, fraction);
				text.append('S');
			}
		}
		else if (days == 0) {
			text.append("T0S");
		}
		return text.toString();
	}

	private static void appendFraction(StringBuilder text, int fraction) {
		if (fraction == 0) {
			return;
		}
		String digits = Integer.toString(fraction + TICKS_PER_SECOND_INT).substring(1);
		int end = digits.length();
		while (digits.charAt(end - 1) == '0') {
			end--;
		}
		text.append('.').append(digits, 0, end);
	}

	private static final int TICKS_PER_SECOND_INT = 10_000_000;

	private static StringBuilder pad(StringBuilder text, int value, int width) {
		String digits = Integer.toString(value);
		for (int i = digits.length(); i < width; i++) {
			text.append('0');
		}
		return text.append(digits);
	}

	/** A .NET {@code Guid} in its 16-byte form (Data1, Data2, Data3 little-endian, Data4 as is), as text. */
	static String guidText(byte[] b, int off) {
		char[] text = new char[36];
		int[] order = { 3, 2, 1, 0, -1, 5, 4, -1, 7, 6, -1, 8, 9, -1, 10, 11, 12, 13, 14, 15 };
		int at = 0;
		for (int index : order) {
			if (index < 0) {
				text[at++] = '-';
			}
			else {
				int v = b[off + index] & 0xFF;
				text[at++] = HEX[v >> 4];
				text[at++] = HEX[v & 0xF];
			}
		}
		return new String(text);
	}

	static byte[] guidBytes(UUID uuid) {
		long msb = uuid.getMostSignificantBits();
		long lsb = uuid.getLeastSignificantBits();
		byte[] big = new byte[16];
		for (int i = 0; i < 8; i++) {
			big[i] = (byte) (msb >>> (56 - 8 * i));
			big[8 + i] = (byte) (lsb >>> (56 - 8 * i));
		}
		return new byte[] { big[3], big[2], big[1], big[0], big[5], big[4], big[7], big[6], big[8], big[9], big[10],
				big[11], big[12], big[13], big[14], big[15] };
	}

	/** Whether the text is exactly the lower-case form a UniqueIdText stands for ({@code urn:uuid:} and a GUID). */
	static boolean isUniqueIdText(String text) {
		return text.length() == 45 && text.startsWith("urn:uuid:") && isGuidText(text, 9);
	}

	private static boolean isGuidText(String text, int from) {
		for (int i = 0; i < 36; i++) {
			char c = text.charAt(from + i);
			boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
			if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
				return false;
			}
		}
		return true;
	}

}
