from datetime import date

# A Monday with no holidays near it; services take ``today`` so tests do not depend on the calendar.
TODAY = date(2031, 3, 3)
