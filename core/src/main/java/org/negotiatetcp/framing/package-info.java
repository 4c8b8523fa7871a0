/**
 * [MC-NMF] .NET Message Framing: records, the multi-byte int31, faults and the preamble state machines of both roles.
 * <p>
 * {@link org.negotiatetcp.framing.NmfRecordDecoder} turns received bytes into
 * {@link org.negotiatetcp.framing.NmfRecord}s (bounded by {@link org.negotiatetcp.framing.FramingLimits});
 * {@link org.negotiatetcp.framing.NmfRecord#encode(io.netty.buffer.ByteBuf)} writes them.
 * {@link org.negotiatetcp.framing.ServerPreambleStateMachine} and
 * {@link org.negotiatetcp.framing.ClientPreambleStateMachine} decide what each role does with them. Nothing here
 * performs I/O; envelope records are reference counted and owned by whoever receives them.
 */
@NullMarked
package org.negotiatetcp.framing;

import org.jspecify.annotations.NullMarked;
