/**
 * [MC-NMF] .NET Message Framing: records, the multi-byte int31, faults and the preamble state machines of both roles.
 */
@NullMarked
package org.negotiatetcp.framing;

import org.jspecify.annotations.NullMarked;
