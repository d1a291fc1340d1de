package org.npg4j.mdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MdpJsonTest {
    static final String VALID = """
            {"format": "npg4j-mdp/1", "gamma": 0.9, "states": 3, "actions": 2,
             "initial": [1, 0, 0],
             "transitions": [[ [[1, 0.5], [2, 0.5]], [[0, 1.0]] ],
                             [ [[1, 1]], [[2, 1]] ],
                             [ [[2, 1]], [[0, 0.25], [2, 0.75]] ]],
             "rewards": [[1, 0], [3, 2], [0, 0]],
             "costs": [{"name": "hazard", "values": [[0, 1], [0, 0], [1, 1]], "limit": 0.2}]}
            """;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void roundTripIsLosslessOnGarnets(long seed) {
        FiniteMdp mdp = new Garnet(12, 3, 4, 0.97, Garnet.RewardDistribution.NORMAL, seed).generate();
        FiniteMdp back = MdpJson.parse(MdpJson.toJson(mdp), "mem");
        assertEquals(mdp, back);
        assertEquals(MdpJson.toJson(mdp), MdpJson.toJson(back));
    }

    @Test
    void roundTripKeepsCostsAndNames(@TempDir Path dir) {
        FiniteMdp mdp = MdpJson.parse(VALID, "valid.json").toBuilder()
                .stateNames(java.util.List.of("a", "b \"quoted\"", "c")).actionNames(java.util.List.of("left", "right"))
                .build();
        Path f = dir.resolve("m.json");
        MdpJson.write(mdp, f);
        FiniteMdp back = MdpJson.read(f);
        assertEquals(mdp, back);
        assertEquals(0.2, back.cost(0).limit());
        assertEquals("hazard", back.cost(0).name());
        assertEquals(0.75, back.transition(2, 1, 2));
    }

    @Test
    void statesAndActionsMayBeNameLists() {
        String json = VALID.replace("\"states\": 3", "\"states\": [\"s0\", \"s1\", \"s2\"]")
                .replace("\"actions\": 2", "\"actions\": [\"stay\", \"go\"]");
        FiniteMdp mdp = MdpJson.parse(json, "names.json");
        assertEquals(3, mdp.states());
        assertEquals(java.util.List.of("stay", "go"), mdp.actionNames());
    }

    @Test
    void missingFileIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MdpJson.read(Path.of("no/such/m.json")));
        assertEquals("no/such/m.json: no such file", e.getMessage());
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiterString = "~~", value = {
        "[[0, 1.0]] ], ~~[[0, 0.97]] ], ~~m.json: $.transitions[0][1]: P(.|s=0,a=1) sums to 0.97, expected 1",
        "\"gamma\": 0.9~~\"gamma\": 1.5~~m.json: $.gamma: 1.5 must be in [0, 1)",
        "\"gamma\": 0.9~~\"gamma\": \"x\"~~m.json: $.gamma: expected a number, found \"x\"",
        "[[2, 1]], [[0, 0.25]~~[[7, 1]], [[0, 0.25]~~m.json: $.transitions[2][0][0][0]: next state 7 out of range [0, 3)",
        "npg4j-mdp/1~~foo~~m.json: $.format: expected \"npg4j-mdp/1\", found \"foo\"",
        "[3, 2]~~[3, 2, 1]~~m.json: $.rewards[1]: expected 2 actions, found 3",
        "\"initial\": [1, 0, 0]~~\"initial\": [0.5, 0, 0]~~m.json: $.initial: initial distribution sums to 0.5, expected 1",
        "\"initial\": [1, 0, 0]~~\"initial\": [1, 0]~~m.json: $.initial: expected 3 states, found 2",
        "[[1, 0.5], [2, 0.5]]~~[[1, 1.5], [2, -0.5]]~~m.json: $.transitions[0][0][1][1]: P(s'=2|s=0,a=0) = -0.5 is negative",
        "\"limit\": 0.2~~\"limit\": \"high\"~~m.json: $.costs[0].limit: expected a number, found \"high\"",
        "\"actions\": 2,~~\"actions\": 2, \"extra\": 1,~~m.json: $: unknown key \"extra\" (expected one of action_names, actions, costs, format, gamma, initial, rewards, state_names, states, transitions)",
        "\"rewards\": [[1, 0], [3, 2], [0, 0]],~~\"reward\": [[1, 0], [3, 2], [0, 0]],~~m.json: $: unknown key \"reward\" (expected one of action_names, actions, costs, format, gamma, initial, rewards, state_names, states, transitions)",
    })
    void invalidFilesReportFilePathAndProblem(String from, String to, String message) {
        String json = VALID.replace(from, to);
        org.junit.jupiter.api.Assertions.assertNotEquals(VALID, json, "the test edit applies");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MdpJson.parse(json, "m.json"));
        assertEquals(message, e.getMessage());
    }

    @Test
    void missingKeyIsNamed() {
        String json = VALID.replace("\"rewards\": [[1, 0], [3, 2], [0, 0]],", "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MdpJson.parse(json, "m.json"));
        assertEquals("m.json: $: missing key \"rewards\"", e.getMessage());
    }

    @Test
    void malformedJsonGivesLineAndColumn(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"format\": \"npg4j-mdp/1\",\n \"gamma\": 0.9,\n \"states\": [1 2]}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MdpJson.read(f));
        assertEquals(true, e.getMessage().startsWith(f + ": line 3, column "), e.getMessage());
        assertEquals(true, e.getMessage().contains("malformed JSON"), e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'));
    }

    @Test
    void policyFilesRoundTripAndReportErrors(@TempDir Path dir) {
        TabularPolicy pi = TabularPolicy.of(new double[][] {{0.25, 0.75}, {1, 0}, {0.1, 0.9}});
        Path f = dir.resolve("p.json");
        PolicyJson.write(pi, f);
        FiniteMdp mdp = MdpJson.parse(VALID, "m.json");
        assertEquals(pi, PolicyJson.read(f, mdp));
        IllegalArgumentException sum = assertThrows(IllegalArgumentException.class,
                () -> PolicyJson.parse("{\"policy\": [[0.5, 0.5], [1, 0], [0.4, 0.5]]}", "p.json"));
        assertEquals("p.json: $.policy[2]: pi(.|s=2) sums to 0.9, expected 1", sum.getMessage());
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> PolicyJson.read(f, new Garnet(2, 3, 1, 0.9, Garnet.RewardDistribution.UNIFORM, 1).generate()));
        assertEquals(f + ": policy is 3x2 but the MDP has 2 states and 3 actions", size.getMessage());
    }
}
