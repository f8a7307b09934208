/** "a critical failure", "2 critical failures": what holds an overall at its cap, as the scorecard and reports say it. */
export const criticalFailures = (n: number): string => (n === 1 ? 'a critical failure' : `${n} critical failures`);
