"""The policy and what it says of each touchpoint: stakes, verdict, reasons and alignment.

``policy`` is the rubric as data; ``scoring`` turns one touchpoint's signals into a score, a
level and a verdict; ``engine`` assesses whole journeys; ``pandas_export`` turns an assessment
into a DataFrame.
"""
