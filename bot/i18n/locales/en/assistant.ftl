# Context first: the bot asks before acting on a guess that costs something.
ask-stop = Do you mean you want to stop receiving broadcasts from Rukun?
ask-stop-yes = Yes, stop
ask-report = Do you want to report this incident to Rukun?
ask-report-yes = Yes, report
ask-no = No
ask-declined = Okay, nothing has changed. Pick something from the menu below if you need anything.
start-in-group = Hi! To report, take a survey or get campaign content, message me in a private chat.
