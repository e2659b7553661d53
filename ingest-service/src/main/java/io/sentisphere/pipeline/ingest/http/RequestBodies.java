package io.sentisphere.pipeline.ingest.http;

import io.sentisphere.pipeline.ingest.error.IngestErrors;
import io.sentisphere.pipeline.service.error.ServiceException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/** Reads a request body as raw bytes, within the size limit, after checking it is UTF-8 JSON. */
final class RequestBodies {

    private RequestBodies() {}

    /** 415 unless the content type is {@code application/json} (charset, if given, UTF-8). */
    static void requireJson(HttpServletRequest request) {
        String header = request.getContentType();
        try {
            MediaType type = header == null ? null : MediaType.parseMediaType(header);
            if (type != null
                    && type.isCompatibleWith(MediaType.APPLICATION_JSON)
                    && !type.isWildcardSubtype()
                    && (type.getCharset() == null || type.getCharset().equals(StandardCharsets.UTF_8))) {
                return;
            }
        } catch (InvalidMediaTypeException | java.nio.charset.UnsupportedCharsetException e) {
            // reported below
        }
        throw new ServiceException(IngestErrors.unsupportedMediaType());
    }

    /**
     * The exact bytes sent; 413 when more than {@code limit} bytes are announced or arrive. Only
     * {@code limit + 1} bytes are ever buffered.
     */
    static byte[] read(HttpServletRequest request, int limit) {
        if (request.getContentLengthLong() > limit) {
            throw new ServiceException(IngestErrors.payloadTooLarge(limit));
        }
        try {
            byte[] body = request.getInputStream().readNBytes(limit + 1);
            if (body.length > limit) {
                throw new ServiceException(IngestErrors.payloadTooLarge(limit));
            }
            return body;
        } catch (IOException e) {
            throw new ServiceException(IngestErrors.invalidPayload("body", "could not be read completely"));
        }
    }
}
