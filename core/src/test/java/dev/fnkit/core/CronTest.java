package dev.fnkit.core;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CronTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            0 2 * * *                 | 0 2 * * *                  | cron(0 2 * * ? *)                  | 0 0 2 * * *
            */15 * * * *              | */15 * * * *               | cron(0/15 * * * ? *)               | 0 */15 * * * *
            0 9 * * 1-5               | 0 9 * * 1-5                | cron(0 9 ? * MON-FRI *)            | 0 0 9 * * 1-5
            0 9 * * MON-FRI           | 0 9 * * 1-5                | cron(0 9 ? * MON-FRI *)            | 0 0 9 * * 1-5
            0 0 1 * *                 | 0 0 1 * *                  | cron(0 0 1 * ? *)                  | 0 0 0 1 * *
            30 8 * * SUN              | 30 8 * * 0                 | cron(30 8 ? * SUN *)               | 0 30 8 * * 0
            0 0 * * 0,7               | 0 0 * * 0                  | cron(0 0 ? * SUN *)                | 0 0 0 * * 0
            0 0 * * 7                 | 0 0 * * 0                  | cron(0 0 ? * SUN *)                | 0 0 0 * * 0
            5 4 1 JAN *               | 5 4 1 1 *                  | cron(5 4 1 1 ? *)                  | 0 5 4 1 1 *
            0 0 * * 5-7               | 0 0 * * 0,5,6              | cron(0 0 ? * SUN,FRI,SAT *)        | 0 0 0 * * 0,5,6
            0 0 * * fri-sun           | 0 0 * * 0,5,6              | cron(0 0 ? * SUN,FRI,SAT *)        | 0 0 0 * * 0,5,6
            0 0 * * SUN-SAT           | 0 0 * * 0-6                | cron(0 0 ? * SUN-SAT *)            | 0 0 0 * * 0-6
            0 0 * * */2               | 0 0 * * 0,2,4,6            | cron(0 0 ? * SUN,TUE,THU,SAT *)    | 0 0 0 * * 0,2,4,6
            0 12 * * MON,TUE          | 0 12 * * 1,2               | cron(0 12 ? * MON,TUE *)           | 0 0 12 * * 1,2
            0 12 * * 6,0-1            | 0 12 * * 0,1,6             | cron(0 12 ? * SUN,MON,SAT *)       | 0 0 12 * * 0,1,6
            0-30/10 */2 */3 JAN-MAR/2 * | 0-30/10 */2 */3 1-3/2 *  | cron(0,10,20,30 0/2 1/3 1,3 ? *)   | 0 0-30/10 */2 */3 1-3/2 *
            5/10 9-17 * * *           | 5-59/10 9-17 * * *         | cron(5/10 9-17 * * ? *)            | 0 5-59/10 9-17 * * *
            0 0 1,15 * *              | 0 0 1,15 * *               | cron(0 0 1,15 * ? *)               | 0 0 0 1,15 * *
            '  0   9 * *  1-5 '       | 0 9 * * 1-5                | cron(0 9 ? * MON-FRI *)            | 0 0 9 * * 1-5
            @hourly                   | 0 * * * *                  | cron(0 * * * ? *)                  | 0 0 * * * *
            @daily                    | 0 0 * * *                  | cron(0 0 * * ? *)                  | 0 0 0 * * *
            @midnight                 | 0 0 * * *                  | cron(0 0 * * ? *)                  | 0 0 0 * * *
            @weekly                   | 0 0 * * 0                  | cron(0 0 ? * SUN *)                | 0 0 0 * * 0
            @monthly                  | 0 0 1 * *                  | cron(0 0 1 * ? *)                  | 0 0 0 1 * *
            @YEARLY                   | 0 0 1 1 *                  | cron(0 0 1 1 ? *)                  | 0 0 0 1 1 *
            @annually                 | 0 0 1 1 *                  | cron(0 0 1 1 ? *)                  | 0 0 0 1 1 *
            """)
    void translates(String input, String expression, String aws, String azure) {
        Cron cron = Cron.parse(input);

        assertThat(cron.expression()).isEqualTo(expression);
        assertThat(cron.toAws()).isEqualTo(aws);
        assertThat(cron.toAzure()).isEqualTo(azure);
        assertThat(cron.toCloudScheduler()).isEqualTo(expression);
        assertThat(Cron.parse(cron.expression())).isEqualTo(cron);
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', textBlock = """
            ''                    | it is empty
            '   '                 | it is empty
            * * * * * *           | expected 5 fields (minute hour day-of-month month day-of-week) but got 6
            0 0 * *               | expected 5 fields (minute hour day-of-month month day-of-week) but got 4
            foo                   | expected 5 fields (minute hour day-of-month month day-of-week) but got 1
            61 * * * *            | minute value 61 is out of range 0-59
            * 25 * * *            | hour value 25 is out of range 0-23
            * * 0 * *             | day-of-month value 0 is out of range 1-31
            * * * 13 *            | month value 13 is out of range 1-12 or JAN-DEC
            * * * * 8             | day-of-week value 8 is out of range 0-7 or SUN-SAT
            * * * FOO *           | month 'FOO' has an unknown token 'FOO'
            * * * * MONDAY        | day-of-week 'MONDAY' has an unknown token 'MONDAY'
            * * * * SUN-FOO       | day-of-week 'SUN-FOO' has an unknown token 'FOO'
            * * * * SAT-MON       | day-of-week 'SAT-MON' has a range that ends before it starts (6-1)
            -1 * * * *            | minute '-1' has a negative number
            1.5 * * * *           | minute '1.5' has an unknown token '.'
            1,,2 * * * *          | minute '1,,2' has an empty value in a list or range
            */0 * * * *           | minute step 0 is out of range 1-59
            5-1 * * * *           | minute '5-1' has a range that ends before it starts (5-1)
            */ * * * *            | minute '*/' has no step after '/'
            0 0 ? * MON           | day-of-month '?' uses Quartz syntax
            0 0 L * *             | day-of-month 'L' uses Quartz syntax
            0 0 * * 5L            | day-of-week '5L' uses Quartz syntax
            0 0 * * 1#2           | day-of-week '1#2' uses Quartz syntax
            @reboot               | @reboot is not a schedule
            @often                | unknown macro; supported are @hourly
            0 0 30 2 *            | it never fires
            0 0 31 4,6,9,11 *     | it never fires
            """)
    void rejects(String input, String problem) {
        assertThatThrownBy(() -> Cron.parse(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid cron expression '" + input + "': ")
                .hasMessageContaining(problem);
    }

    @Test
    void awsRejectsBothDayFieldsRestricted() {
        Cron cron = Cron.parse("0 0 1 * MON");

        assertThat(cron.expression()).isEqualTo("0 0 1 * 1");
        assertThat(cron.toCloudScheduler()).isEqualTo("0 0 1 * 1");
        assertThatThrownBy(cron::toAws)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'0 0 1 * 1'")
                .hasMessageContaining("restricts both day-of-month and day-of-week")
                .hasMessageContaining("EventBridge needs '?' in one of the two");
    }

    @Test
    void azureRejectsBothDayFieldsRestrictedBecauseNcrontabAndsThem() {
        assertThatThrownBy(() -> Cron.parse("0 0 1,15 * 5").toAzure())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NCRONTAB fires only on days matching both");
    }

    @ParameterizedTest(name = "{0} after {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0 2 * * *     | 2024-01-01T00:00:00Z       | 2024-01-01T02:00:00Z
            0 2 * * *     | 2024-01-01T02:00:00Z       | 2024-01-02T02:00:00Z
            */15 * * * *  | 2024-01-01T00:07:30.500Z   | 2024-01-01T00:15:00Z
            */15 * * * *  | 2024-12-31T23:45:00Z       | 2025-01-01T00:00:00Z
            0 9 * * 1-5   | 2024-01-05T09:00:00Z       | 2024-01-08T09:00:00Z
            30 8 * * SUN  | 2024-01-01T00:00:00Z       | 2024-01-07T08:30:00Z
            0 0 * * 0,7   | 2024-01-07T00:00:00Z       | 2024-01-14T00:00:00Z
            0 0 1 * 1     | 2024-01-02T00:00:00Z       | 2024-01-08T00:00:00Z
            0 0 1 * 1     | 2024-01-29T00:00:00Z       | 2024-02-01T00:00:00Z
            0 0 29 2 *    | 2024-03-01T00:00:00Z       | 2028-02-29T00:00:00Z
            5 4 1 JAN *   | 2024-01-01T04:05:00Z       | 2025-01-01T04:05:00Z
            @yearly       | 2024-06-15T12:00:00Z       | 2025-01-01T00:00:00Z
            """)
    void next(String expression, Instant after, Instant expected) {
        assertThat(Cron.parse(expression).next(after)).isEqualTo(expected);
    }

    @Test
    void equalityFollowsTheNormalisedExpression() {
        Cron names = Cron.parse("0 9 * * MON-FRI");
        Cron numbers = Cron.parse("0 9 * * 1-5");

        assertThat(names).isEqualTo(numbers).hasSameHashCodeAs(numbers);
        assertThat(names).isNotEqualTo(Cron.parse("0 9 * * 1-6"));
        assertThat(names).hasToString("0 9 * * 1-5");
    }
}
