## Surveys (English)

survey-none = There are no surveys for you right now. We'll let you know when there is one 🙏
survey-list-title = Choose a survey to take:
survey-start-button = 📝 {$title}
survey-resume-button = ▶️ Continue: {$title}
survey-take-button = 📝 Take the survey
survey-question =
    <b>{$title}</b> · {$n}/{$total}

    {$text}
survey-hint-likert5 = <i>How much do you agree?</i>
survey-hint-single = <i>Choose one answer.</i>
survey-hint-multi = <i>Choose as many as apply, then press Next.</i>
survey-hint-scale0_10 = <i>0 = not at all, 10 = very likely.</i>
survey-hint-yesno = <i>Choose Yes or No.</i>
survey-hint-text = <i>Type your answer below.</i>
survey-next = Next ➡️
survey-skip = Skip
survey-back = ⬅️ Back
survey-skipped = (skipped)
survey-noted = ✓ noted
survey-answered =
    {$text}
    ➡️ <b>{$answer}</b>
survey-resumed = Let's pick up where you left off.
survey-thanks = Thank you for taking the survey! Your answers are saved 🙏
survey-closed = This survey is not open right now.
survey-not-in-audience = Sorry, this survey is for a different group of participants.
survey-already-done = You have already taken this survey. Thank you! 🙏
survey-stale = That question has passed. Send /survei to continue.
survey-choose-one = Please choose at least one answer first.
survey-text-expected = For this question, please type your answer as a text message.
survey-text-too-long = Your answer is too long (2,000 characters at most). Please shorten it.
survey-reminder = You haven't finished <b>{$title}</b> yet. Continue now? Only a few questions left 🙏
survey-invite =
    <b>{$title}</b>
    {$intro}
survey-results-usage = Send <code>/hasil SLUG</code> to see a survey's results. Surveys:
survey-results-line = • <code>{$slug}</code> — {$title} ({$status}, {$completed} completed)
survey-results-unknown = There is no survey <code>{$slug}</code>. Send /hasil to see the list.
survey-chart-likert = Likert answers (% of respondents)
survey-chart-means = Means before and after the campaign ({$vs}), with 95% confidence intervals
survey-results-file = Full results (XLSX). Groups with fewer than 5 respondents are not shown.
survey-use-buttons = That doesn't match any of the choices. Please pick one of the buttons below (or type /cancel to continue later).
