"""What the yearly report needs besides the platform's data: targets, baselines, surveys,
project applications and school requests."""

import django.core.validators
import django.db.models.deletion
import modelcluster.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cms', '0006_evaluation_counted'),
        ('videnscenter', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ProjectApplication',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200, verbose_name='title')),
                ('year', models.PositiveSmallIntegerField(help_text='The year it is sent.', validators=[django.core.validators.MinValueValidator(2021), django.core.validators.MaxValueValidator(2100)], verbose_name='year')),
                ('status', models.CharField(choices=[('planned', 'Being written'), ('submitted', 'Submitted'), ('granted', 'Granted'), ('rejected', 'Not granted')], default='submitted', max_length=20, verbose_name='status')),
                ('international', models.BooleanField(default=False, verbose_name='with international partners')),
                ('funder', models.CharField(blank=True, max_length=200, verbose_name='funder')),
                ('centre', models.ForeignKey(limit_choices_to={'kind': 'centre'}, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='videnscenter.organisation', verbose_name='centre')),
                ('partners', modelcluster.fields.ParentalManyToManyField(blank=True, related_name='applications', to='cms.partner', verbose_name='partners')),
                ('schools', modelcluster.fields.ParentalManyToManyField(blank=True, limit_choices_to={'kind__in': ['school', 'vocational_school']}, related_name='project_applications', to='videnscenter.organisation', verbose_name='schools taking part')),
            ],
            options={
                'verbose_name': 'project application',
                'verbose_name_plural': 'project applications',
                'ordering': ['-year', 'title'],
            },
        ),
        migrations.CreateModel(
            name='Baseline',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('measure', models.CharField(choices=[('recruitment_municipalities', 'Municipalities in recruitment cooperation'), ('recruitment_events', 'Recruitment events'), ('material_downloads', 'Downloads of teaching material'), ('video_views', 'Views of instruction videos'), ('materials_published', 'New teaching materials and videos published'), ('evaluations', 'Evaluations of teaching material'), ('bridge_requests', 'Requests from schools about bridge-building material'), ('relevance_share', 'Survey respondents rating the material relevant (%)'), ('new_partnerships', 'New knowledge partnerships'), ('project_applications', 'Project applications'), ('international_applications', 'Project applications with international partners'), ('surveys', 'Surveys held'), ('torsdagspanel', 'Torsdagspanel debates'), ('courses', 'Courses for teachers and leaders'), ('schools_taking_part', 'SOSU schools with a partnership, network or project (%)'), ('bookings', 'Bookings'), ('loan_days', 'Loan days (unit-days)'), ('utilisation', 'Utilisation of the equipment (%)'), ('popups', 'PopUp centres held'), ('students_reached', 'Students reached through bookings')], max_length=40, verbose_name='measure')),
                ('year', models.PositiveSmallIntegerField(default=2021, validators=[django.core.validators.MinValueValidator(2021), django.core.validators.MaxValueValidator(2100)], verbose_name='year')),
                ('value', models.DecimalField(decimal_places=2, max_digits=12, validators=[django.core.validators.MinValueValidator(0)], verbose_name='value')),
                ('note', models.CharField(blank=True, max_length=300, verbose_name='source')),
                ('centre', models.ForeignKey(blank=True, help_text='Leave empty for both centres jointly.', limit_choices_to={'kind': 'centre'}, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='videnscenter.organisation', verbose_name='centre')),
            ],
            options={
                'verbose_name': 'baseline',
                'verbose_name_plural': 'baselines',
                'ordering': ['measure', 'centre__name'],
                'constraints': [models.UniqueConstraint(fields=('centre', 'measure'), name='baseline_once_per_measure'), models.UniqueConstraint(condition=models.Q(('centre__isnull', True)), fields=('measure',), name='joint_baseline_once_per_measure')],
            },
        ),
        migrations.CreateModel(
            name='SchoolRequest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('topic', models.CharField(choices=[('bridge_building', 'Bridge-building material'), ('new_material', 'New teaching material'), ('other', 'Something else')], max_length=20, verbose_name='about')),
                ('message', models.TextField(max_length=4000, verbose_name='message')),
                ('name', models.CharField(max_length=150, verbose_name='name')),
                ('email', models.EmailField(max_length=254, verbose_name='e-mail address')),
                ('status', models.CharField(choices=[('new', 'New'), ('handled', 'Handled')], default='new', editable=False, max_length=20, verbose_name='status')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='received')),
                ('handled_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='handled')),
                ('centre', models.ForeignKey(limit_choices_to={'kind': 'centre'}, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='videnscenter.organisation', verbose_name='centre')),
                ('handled_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='handled by')),
                ('school', models.ForeignKey(limit_choices_to={'kind__in': ['school', 'vocational_school']}, on_delete=django.db.models.deletion.PROTECT, related_name='school_requests', to='videnscenter.organisation', verbose_name='school')),
                ('sender', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'school request',
                'verbose_name_plural': 'school requests',
                'ordering': ['-created_at'],
                'indexes': [models.Index(fields=['centre', 'topic', 'created_at'], name='cms_schoolr_centre__5aca19_idx')],
            },
        ),
        migrations.CreateModel(
            name='Survey',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('held_on', models.DateField(verbose_name='date')),
                ('topic', models.CharField(max_length=200, verbose_name='topic')),
                ('respondents', models.PositiveIntegerField(verbose_name='number of respondents')),
                ('rated_relevant', models.PositiveIntegerField(blank=True, help_text='Only for surveys about teaching material; leave empty otherwise.', null=True, verbose_name='respondents rating the material relevant')),
                ('link', models.URLField(blank=True, help_text='The survey or its results.', verbose_name='link')),
                ('centre', models.ForeignKey(limit_choices_to={'kind': 'centre'}, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='videnscenter.organisation', verbose_name='centre')),
            ],
            options={
                'verbose_name': 'survey',
                'verbose_name_plural': 'surveys',
                'ordering': ['-held_on'],
                'constraints': [models.CheckConstraint(condition=models.Q(('rated_relevant__isnull', True), ('rated_relevant__lte', models.F('respondents')), _connector='OR'), name='survey_relevant_within_respondents')],
            },
        ),
        migrations.CreateModel(
            name='Target',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('measure', models.CharField(choices=[('recruitment_municipalities', 'Municipalities in recruitment cooperation'), ('recruitment_events', 'Recruitment events'), ('material_downloads', 'Downloads of teaching material'), ('video_views', 'Views of instruction videos'), ('materials_published', 'New teaching materials and videos published'), ('evaluations', 'Evaluations of teaching material'), ('bridge_requests', 'Requests from schools about bridge-building material'), ('relevance_share', 'Survey respondents rating the material relevant (%)'), ('new_partnerships', 'New knowledge partnerships'), ('project_applications', 'Project applications'), ('international_applications', 'Project applications with international partners'), ('surveys', 'Surveys held'), ('torsdagspanel', 'Torsdagspanel debates'), ('courses', 'Courses for teachers and leaders'), ('schools_taking_part', 'SOSU schools with a partnership, network or project (%)'), ('bookings', 'Bookings'), ('loan_days', 'Loan days (unit-days)'), ('utilisation', 'Utilisation of the equipment (%)'), ('popups', 'PopUp centres held'), ('students_reached', 'Students reached through bookings')], max_length=40, verbose_name='measure')),
                ('year', models.PositiveSmallIntegerField(help_text='Applies to this year and later years until replaced.', validators=[django.core.validators.MinValueValidator(2021), django.core.validators.MaxValueValidator(2100)], verbose_name='from year')),
                ('minimum', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, verbose_name='at least')),
                ('maximum', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, verbose_name='at most')),
                ('growth_percent', models.DecimalField(blank=True, decimal_places=2, max_digits=6, null=True, validators=[django.core.validators.MinValueValidator(-100)], verbose_name='growth on last year (%)')),
                ('at_least_baseline', models.BooleanField(default=False, verbose_name='at least the baseline')),
                ('note', models.CharField(blank=True, help_text='E.g. the wording of the strategy.', max_length=300, verbose_name='note')),
                ('centre', models.ForeignKey(blank=True, help_text='Leave empty for a joint target of both centres.', limit_choices_to={'kind': 'centre'}, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='videnscenter.organisation', verbose_name='centre')),
            ],
            options={
                'verbose_name': 'target',
                'verbose_name_plural': 'targets',
                'ordering': ['measure', 'centre__name', 'year'],
                'permissions': [('view_activity_report', 'Can see the yearly activity report of own centre'), ('view_usage_report', 'Can see the booking and utilisation report')],
                'constraints': [models.UniqueConstraint(fields=('centre', 'measure', 'year'), name='target_once_per_year'), models.UniqueConstraint(condition=models.Q(('centre__isnull', True)), fields=('measure', 'year'), name='joint_target_once_per_year')],
            },
        ),
    ]
