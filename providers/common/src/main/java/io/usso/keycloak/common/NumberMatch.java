package io.usso.keycloak.common;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Number matching, as in Microsoft Authenticator: the waiting page shows a two-digit number, the approving phone
 * (QR login) or chat (Telegram bot login) offers it among {@value #CHOICES} and the person must pick the right one. The choices are drawn once per attempt
 * and stored with it, so reloading the phone page never reveals the right number by elimination.
 *
 * @param number the number shown on the waiting page, 10 to 99
 * @param choices the numbers offered on the phone, in display order; contains {@code number} once
 */
public record NumberMatch(int number, List<Integer> choices) {

    /** How many numbers the phone offers. */
    public static final int CHOICES = 3;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Validates and copies. */
    public NumberMatch {
        choices = List.copyOf(choices);
        if (number < 10 || number > 99 || choices.size() != CHOICES || !choices.contains(number)
                || new LinkedHashSet<>(choices).size() != CHOICES) {
            throw new IllegalArgumentException("invalid number match");
        }
    }

    /** @return a new random match: a number and two distinct decoys, shuffled */
    public static NumberMatch random() {
        int number = 10 + RANDOM.nextInt(90);
        Set<Integer> choices = new LinkedHashSet<>();
        choices.add(number);
        while (choices.size() < CHOICES) {
            choices.add(10 + RANDOM.nextInt(90));
        }
        List<Integer> shuffled = new ArrayList<>(choices);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            Collections.swap(shuffled, i, RANDOM.nextInt(i + 1));
        }
        return new NumberMatch(number, shuffled);
    }

    /**
     * @param picked the number the person picked, may be null
     * @return whether it is the right one
     */
    public boolean isRight(Integer picked) {
        return picked != null && picked == number;
    }

    /** @return the choices as stored: {@code 42,17,88} */
    public String choicesNote() {
        return choices.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /**
     * @param number the stored number
     * @param choicesNote the stored choices
     * @return the match, or null when the stored values are not readable
     */
    public static NumberMatch parse(String number, String choicesNote) {
        try {
            List<Integer> choices = new ArrayList<>();
            for (String c : choicesNote.split(",")) {
                choices.add(Integer.parseInt(c));
            }
            return new NumberMatch(Integer.parseInt(number), choices);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * @param typed a submitted number, may be null
     * @return the number, or null when it is not a two-digit number
     */
    public static Integer parsePick(String typed) {
        if (typed == null || !typed.strip().matches("[1-9][0-9]")) {
            return null;
        }
        return Integer.valueOf(typed.strip());
    }
}
