package org.negotiatetcp.framing;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import org.negotiatetcp.FailureReason;

import static org.assertj.core.api.Assertions.assertThat;

class FramingVocabularyTests {

	@Test
	void recordTypesHaveTheSpecifiedBytes() {
		assertThat(Arrays.stream(RecordType.values()).mapToInt(RecordType::code))
			.containsExactly(0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C);
		assertThat(RecordType.fromCode(0x0A)).isEqualTo(RecordType.UPGRADE_RESPONSE);
		assertThat(RecordType.fromCode(0x0D)).isNull();
		assertThat(RecordType.fromCode(-1)).isNull();
	}

	@Test
	void modesHaveTheSpecifiedBytes() {
		assertThat(FramingMode.fromCode(1)).isEqualTo(FramingMode.SINGLETON_UNSIZED);
		assertThat(FramingMode.fromCode(2)).isEqualTo(FramingMode.DUPLEX);
		assertThat(FramingMode.fromCode(3)).isEqualTo(FramingMode.SIMPLEX);
		assertThat(FramingMode.fromCode(4)).isEqualTo(FramingMode.SINGLETON_SIZED);
		assertThat(FramingMode.fromCode(0)).isNull();
		assertThat(FramingMode.fromCode(5)).isNull();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "0|text/xml; charset=utf-8", "1|text/xml; charset=utf16",
			"2|text/xml; charset=unicodeFFFE", "3|application/soap+xml; charset=utf-8",
			"4|application/soap+xml; charset=utf16", "5|application/soap+xml; charset=unicodeFFFE",
			"6|multipart/related", "7|application/soap+msbin1", "8|application/soap+msbinsession1" })
	void knownEncodingsMapBytesAndContentTypesBothWays(int code, String contentType) {
		KnownEncoding byCode = KnownEncoding.fromCode(code);
		assertThat(byCode).isNotNull();
		assertThat(byCode.contentType()).isEqualTo(contentType);
		assertThat(KnownEncoding.fromContentType(contentType)).isSameAs(byCode);
	}

	@Test
	void unknownEncodingsAreNotFound() {
		assertThat(KnownEncoding.fromCode(9)).isNull();
		assertThat(KnownEncoding.fromContentType("application/soap+msbinsession1+gzip")).isNull();
	}

	@ParameterizedTest
	@EnumSource(FramingFault.class)
	void faultsRoundTripThroughTheirUri(FramingFault fault) {
		assertThat(fault.uri()).isEqualTo("http://schemas.microsoft.com/ws/2006/05/framing/faults/" + fault.faultName());
		assertThat(FramingFault.fromUri(fault.uri())).isSameAs(fault);
		assertThat(fault.likelyCause()).isNotBlank();
	}

	@Test
	void framingFailuresAreRecordedUnderTheFaultTheyNameOrElseTheirReason() {
		assertThat(new FramingFaultException(FramingFault.ENDPOINT_NOT_FOUND, "net.tcp://host/a").outcome())
			.isEqualTo("EndpointNotFound");
		assertThat(new FramingException(FailureReason.LIMIT, "too big", FramingFault.MAX_MESSAGE_SIZE_EXCEEDED).outcome())
			.isEqualTo("MaxMessageSizeExceededFault");
		assertThat(FramingException.protocol("bad record").outcome()).isEqualTo("PROTOCOL");
	}

	@Test
	void faultNamesAreTheTwelveSpecifiedOnes() {
		assertThat(Arrays.stream(FramingFault.values()).map(FramingFault::faultName)).containsExactlyInAnyOrder(
				"ContentTypeInvalid", "ContentTypeTooLong", "ConnectionDispatchFailed", "EndpointNotFound",
				"EndpointUnavailable", "MaxMessageSizeExceededFault", "ServerTooBusy", "ServiceActivationFailed",
				"UnsupportedMode", "UnsupportedVersion", "UpgradeInvalid", "ViaTooLong");
		assertThat(FramingFault.fromUri("http://schemas.microsoft.com/ws/2006/05/framing/faults/MaxMessageSizeExceeded"))
			.isNull();
		assertThat(FramingFault.fromUri("EndpointNotFound")).isNull();
	}

	@Test
	void likelyCausesExplainTheFaultsUsersMeetMost() {
		assertThat(FramingFault.ENDPOINT_NOT_FOUND.likelyCause()).contains("no endpoint at this via", "path");
		assertThat(FramingFault.UPGRADE_INVALID.likelyCause()).contains("application/negotiate", "security mode");
	}

}
