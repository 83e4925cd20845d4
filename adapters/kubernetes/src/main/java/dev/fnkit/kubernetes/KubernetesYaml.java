package dev.fnkit.kubernetes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.util.List;

/** Kubernetes resources (fabric8 model objects) as multi-document YAML, empty fields left out. */
final class KubernetesYaml {
    static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_EMPTY)
            .build();

    private KubernetesYaml() {
    }

    static String write(List<?> resources) throws JsonProcessingException {
        StringBuilder out = new StringBuilder();
        for (Object resource : resources) {
            out.append(MAPPER.writeValueAsString(resource));
        }
        return out.toString();
    }
}
